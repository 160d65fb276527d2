/**
 * Loopback receivers for every alert channel, on 127.0.0.1 (port 0), each with scripted faults:
 * - a Standard Webhooks receiver that verifies every signature with the reference library
 *   (`standardwebhooks`, an implementation independent of ours) before reading the JSON, and
 *   dedupes on webhook-id as the specification asks;
 * - a Discord-shaped webhook (POST /api/webhooks/ID/TOKEN → 204; 429 with retry_after);
 * - a Telegram-shaped Bot API (POST /botTOKEN/sendMessage → {ok: true}; 429 with parameters.retry_after);
 * - a local SMTP server (the `smtp-server` package) whose replies can be 451 or 550.
 * Faults are taken in order, one per request: 'ok', 500, 429 (with Retry-After), 400, 403, 404,
 * 'timeout' (no answer until the server stops).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

export type HttpFault = 'ok' | 500 | 429 | 400 | 403 | 404 | 'timeout';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
  /** The webhook receiver: whether the signature verified. */
  verified?: boolean;
  /** The webhook receiver: a webhook-id seen before (a retry of a delivered message). */
  duplicate?: boolean;
}

abstract class HttpReceiver {
  readonly received: Received[] = [];
  private faults: HttpFault[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly hung: ServerResponse[] = [];
  baseUrl = '';
  /** Retry-After (seconds) on 429 answers. */
  retryAfterSeconds = 1;
  /** Delay before every answer (a kill can then land while a request is in flight). */
  delayMs = 0;
  /** Every n-th request (1-based) answers 500, when set. */
  failEvery = 0;

  /** The next requests meet these faults, in order ('ok' answers normally). */
  script(...faults: HttpFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.delayMs > 0) setTimeout(() => this.handle(request, body, response), this.delayMs);
        else this.handle(request, body, response);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.hung) r.destroy();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const fault = this.faults.shift() ?? (this.failEvery > 0 && (this.received.length + 1) % this.failEvery === 0 ? 500 : 'ok');
    const record: Received = { path, headers: request.headers, body, status: 0 };
    this.received.push(record);
    if (fault === 'timeout') {
      this.hung.push(response);
      return;
    }
    if (fault === 'ok') {
      const answer = this.accept(record);
      record.status = answer.status;
      response.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      return;
    }
    record.status = fault;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault === 429) headers['retry-after'] = String(this.retryAfterSeconds);
    response.writeHead(fault, headers);
    response.end(JSON.stringify(this.errorBody(fault)));
  }

  protected abstract accept(record: Received): { status: number; body?: unknown };
  protected abstract errorBody(status: number): unknown;
}

/** A generic webhook endpoint that verifies Standard Webhooks signatures and dedupes on webhook-id. */
export class WebhookReceiver extends HttpReceiver {
  private readonly verifier: Webhook;
  /** webhook-ids accepted (each once: what the user sees). */
  readonly accepted = new Map<string, unknown>();

  constructor(readonly secret: string) {
    super();
    this.verifier = new Webhook(secret);
  }

  get url(): string {
    return `${this.baseUrl}/in`;
  }

  protected accept(record: Received): { status: number; body?: unknown } {
    let payload: unknown;
    try {
      payload = this.verifier.verify(record.body, {
        'webhook-id': String(record.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(record.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(record.headers['webhook-signature'] ?? ''),
      });
    } catch {
      record.verified = false;
      return { status: 401, body: { error: 'bad signature' } };
    }
    record.verified = true;
    const id = String(record.headers['webhook-id']);
    record.duplicate = this.accepted.has(id);
    if (!record.duplicate) this.accepted.set(id, payload);
    return { status: 204 };
  }

  protected errorBody(status: number): unknown {
    return { error: `status ${status}` };
  }
}

/** A Discord-shaped webhook: POST /api/webhooks/ID/TOKEN. */
export class DiscordReceiver extends HttpReceiver {
  get url(): string {
    return `${this.baseUrl}/api/webhooks/123/tok-en`;
  }

  protected accept(record: Received): { status: number; body?: unknown } {
    const body = JSON.parse(record.body) as { content?: string; embeds?: unknown[] };
    if (!body.content || body.content.length > 2000 || (body.embeds?.length ?? 0) > 10) return { status: 400, body: { code: 50035, message: 'Invalid Form Body' } };
    return { status: 204 };
  }

  protected errorBody(status: number): unknown {
    if (status === 429) return { message: 'You are being rate limited.', retry_after: this.retryAfterSeconds, global: false };
    if (status === 404) return { code: 10015, message: 'Unknown Webhook' };
    return { code: 0, message: `status ${status}` };
  }
}

/** A Telegram-shaped Bot API: POST /botTOKEN/sendMessage. */
export class TelegramReceiver extends HttpReceiver {
  readonly token = '123456:TEST-token_x';

  protected accept(record: Received): { status: number; body?: unknown } {
    if (record.path !== `/bot${this.token}/sendMessage`) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const body = JSON.parse(record.body) as { chat_id?: string; text?: string };
    if (!body.chat_id || !body.text || body.text.length > 4096) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' } };
    return { status: 200, body: { ok: true, result: { message_id: this.received.length, chat: { id: body.chat_id }, text: body.text } } };
  }

  protected errorBody(status: number): unknown {
    if (status === 429) return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${this.retryAfterSeconds}`, parameters: { retry_after: this.retryAfterSeconds } };
    if (status === 403) return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    return { ok: false, error_code: status, description: `status ${status}` };
  }
}

export type SmtpFault = 'ok' | 451 | 550;

/** A local SMTP server (no TLS, any or no login) collecting each message. */
export class SmtpReceiver {
  readonly messages: { from: string; to: string[]; raw: string }[] = [];
  readonly replies: (number | 'ok')[] = [];
  private faults: SmtpFault[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  script(...faults: SmtpFault[]): this {
    this.faults.push(...faults);
    return this;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const fault = this.faults.shift() ?? 'ok';
          this.replies.push(fault);
          if (fault !== 'ok') {
            const error = new Error(fault === 451 ? 'Temporary failure, try again' : 'Mailbox unavailable') as Error & { responseCode: number };
            error.responseCode = fault;
            callback(error);
            return;
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
