/**
 * `altseason alerts test CHANNEL --rules FILE`: one test message to one channel, sent at once
 * (nothing recorded in the outbox), so a user can check the address, the secret or the token.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import { sendAlert, type AlertMessage, type SendOutcome } from '../../data/delivery/send-alert.ts';

export async function sendTestAlert(file: RulesFile, channelName: string, options: { now?: () => number; terminal?: (line: string) => void } = {}): Promise<SendOutcome & { channel: string; type: string }> {
  const channel = file.channels[channelName];
  if (!channel) throw new InvalidInputError(`no channel ${JSON.stringify(channelName)} in ${file.path} (channels: ${Object.keys(file.channels).join(', ') || 'none'})`);
  const now = options.now ?? Date.now;
  const message: AlertMessage = {
    key: `test-${now()}`,
    ruleId: 'test',
    series: 'test',
    seriesLabel: 'altseason',
    condition: 'test alert',
    value: 'a test message, no rule fired',
    date: new Date(now()).toISOString().slice(0, 10),
    severity: 'info',
    direction: 'up',
    link: file.dashboard,
    note: null,
    test: true,
  };
  const outcome = await sendAlert(channelName, channel, message, { timeoutMs: file.delivery.timeoutMs, now, ...(options.terminal ? { terminal: options.terminal } : {}) });
  return { ...outcome, channel: channelName, type: channel.type };
}
