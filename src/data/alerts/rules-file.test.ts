import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRules } from './rules-file.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ISSUE_EXAMPLE = `{"channels": {"hook": {"type": "webhook", "url": "http://127.0.0.1:9000/in", "secret": "$HOOK_SECRET"}}, "rules": [{"id": "asi-season", "series": "asi-90d", "when": "crosses-above", "value": 75, "channels": ["hook"]}]}`;
const env = { HOOK_SECRET: SECRET };

describe('parseRules', () => {
  it("reads the issue's JSON example, with the secret from the environment and the defaults filled in", () => {
    const file = parseRules(ISSUE_EXAMPLE, 'rules.json', { env });
    expect(file.channels.hook).toEqual({ type: 'webhook', url: 'http://127.0.0.1:9000/in', signing: 'standard', secret: SECRET });
    expect(file.rules[0]).toMatchObject({ id: 'asi-season', series: 'asi-90d', when: 'crosses-above', value: 75, cooldown: 0, severity: 'info' });
    expect(file.delivery).toEqual({ attempts: 12, withinHours: 24, baseMs: 2000, capMs: 3_600_000, timeoutMs: 10_000 });
  });

  it('takes a secret from the config file\'s "secrets" when the environment has none; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-rules-config-'));
    try {
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ secrets: { HOOK_SECRET: SECRET } }));
      const fromFile = parseRules(ISSUE_EXAMPLE, 'rules.json', { env: { ALTSEASON_CONFIG: config } });
      expect(fromFile.channels.hook).toMatchObject({ secret: SECRET });
      const other = 'whsec_' + 'A'.repeat(32);
      expect(parseRules(ISSUE_EXAMPLE, 'rules.json', { env: { ALTSEASON_CONFIG: config, HOOK_SECRET: other } }).channels.hook).toMatchObject({ secret: other });
      writeFileSync(config, JSON.stringify({ secrets: { HOOK_SECRET: '' } }));
      expect(() => parseRules(ISSUE_EXAMPLE, 'rules.json', { env: { ALTSEASON_CONFIG: config } }), 'an empty secret is refused without quoting the file').toThrow(/config file .*secrets\.HOOK_SECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads YAML', () => {
    const file = parseRules(
      ['channels:', '  tg: { type: telegram, token: "123:abc", chatId: -100 }', 'rules:', '  - { id: memes, series: rotation-phase, when: enters-phase, phase: memes, channels: [tg] }'].join('\n'),
      'rules.yaml',
      { env },
    );
    expect(file.channels.tg).toEqual({ type: 'telegram', token: '123:abc', chatId: '-100' });
    expect(file.rules[0]).toMatchObject({ when: 'enters-phase', phase: 'memes' });
  });

  it('names the rule and the field in every error', () => {
    const bad = (text: string) => () => parseRules(text, 'r.json', { env, knownSeries: ['asi-90d'] });
    expect(bad(ISSUE_EXAMPLE.replace('"value": 75', '"value": "75"'))).toThrow(/r\.json: rule "asi-season" \(rules\[0\]\), field "value": .*number/);
    expect(bad(ISSUE_EXAMPLE.replace('"asi-90d"', '"asi-91d"'))).toThrow(/rule "asi-season" \(rules\[0\]\), field "series": unknown series "asi-91d" \(known: asi-90d\)/);
    expect(bad(ISSUE_EXAMPLE.replace('["hook"]', '["hok"]'))).toThrow(/rule "asi-season" \(rules\[0\]\), field "channels": no channel "hok" \(channels defined: hook\)/);
    expect(bad(ISSUE_EXAMPLE.replace('"value": 75', '"value": 75, "valu": 1'))).toThrow(/rule "asi-season" \(rules\[0\]\).*unknown field\(s\) "valu"/);
    expect(() => parseRules(ISSUE_EXAMPLE, 'r.json', { env: {} })).toThrow(/channel "hook", field "secret": HOOK_SECRET is set neither in the environment nor in the config file's "secrets"/);
    expect(() => parseRules(ISSUE_EXAMPLE, 'r.json', { env: { HOOK_SECRET: 'hunter2hunter2hunter2' } })).toThrow(/channel "hook", field "secret": expected whsec_/);
    expect(bad('rules: [')).toThrow(/r\.json: not valid YAML/);
  });

  it('refuses two rules with one id', () => {
    const two = ISSUE_EXAMPLE.replace(/\[\{(.*)\}\]\}$/, '[{$1}, {$1}]}');
    expect(() => parseRules(two, 'r.json', { env })).toThrow(/rule "asi-season" \(rules\[1\]\): the id is used by an earlier rule/);
  });
});
