/**
 * A tiny programmable HTTP server on 127.0.0.1 (port 0) for provider tests: routes by path,
 * faults injected per route (status with or without Retry-After, a hung connection, a truncated
 * body, a delay), and a log of every request. Tests never touch the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Time between a truncated answer's headers and its cut body. */
const TRUNCATE_GAP_MS = 50;

export interface LoopbackReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: unknown;
}

export type LoopbackHandler = (url: URL, request: IncomingMessage) => LoopbackReply | Promise<LoopbackReply>;

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /**
   * Sends a Content-Length for the whole body, then (after the headers had time to arrive, as on
   * a real connection that dies mid-body) only half of the body, and closes.
   */
  | { kind: 'truncate' }
  /** Answers with this body instead (schema drift, empty results). */
  | { kind: 'replace'; body: unknown; status?: number }
  /** Answers normally (queued before another fault, it lets that one hit a later request). */
  | { kind: 'pass' };

/** The transient faults every source must retry through (the fault suites' list). */
export const TRANSIENT_FAULTS: readonly [string, Fault][] = [
  ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '0' }],
  ['429 without Retry-After', { kind: 'status', status: 429 }],
  ['500', { kind: 'status', status: 500 }],
  ['502', { kind: 'status', status: 502 }],
  ['503', { kind: 'status', status: 503 }],
  ['a hung connection', { kind: 'hang' }],
  ['a truncated body', { kind: 'truncate' }],
];

export interface LoggedRequest {
  path: string;
  url: URL;
  headers: IncomingMessage['headers'];
}

export class LoopbackServer {
  readonly requests: LoggedRequest[] = [];
  private readonly routes = new Map<string, LoopbackHandler>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  /** Delay before every answer, for tests that must catch a sync in the middle. */
  delayMs = 0;
  baseUrl = '';

  route(path: string, handler: LoopbackHandler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** The next `times` requests to `path` (or '*') meet `fault`. */
  fail(path: string, fault: Fault, times = 1): this {
    const queue = this.faults.get(path) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(path, queue);
    return this;
  }

  /** Drops the faults still queued for `path` (or every path). */
  clearFaults(path?: string): this {
    if (path === undefined) this.faults.clear();
    else this.faults.delete(path);
    return this;
  }

  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(prefix = ''): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response, prefix));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('loopback server has no port');
    this.baseUrl = `http://127.0.0.1:${address.port}${prefix}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse, prefix: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    this.requests.push({ path, url, headers: request.headers });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const fault = this.faults.get(path)?.shift() ?? this.faults.get('*')?.shift();
    if (fault?.kind === 'hang') return;
    try {
      let reply: LoopbackReply;
      if (fault?.kind === 'status') {
        reply = { status: fault.status, headers: fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}, body: fault.body ?? { error: `injected ${fault.status}` } };
      } else if (fault?.kind === 'replace') {
        reply = { status: fault.status ?? 200, body: fault.body };
      } else {
        const handler = this.routes.get(path);
        reply = handler ? await handler(url, request) : { status: 404, body: { error: `no route for ${path}` } };
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
      const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
      const bytes = Buffer.from(text);
      response.writeHead(reply.status ?? 200, { 'content-type': type, 'content-length': String(bytes.length), ...reply.headers });
      if (fault?.kind === 'truncate') {
        // Headers and a cut body in one packet make the client's fetch fail before it has a
        // response at all; a real connection that dies mid-body delivers the headers first.
        response.flushHeaders();
        await new Promise((resolve) => setTimeout(resolve, TRUNCATE_GAP_MS));
        response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.socket?.destroy());
        return;
      }
      response.end(bytes);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  }
}

/** Starts a server, runs `work`, and always closes it. */
export async function withLoopback<T>(setup: (server: LoopbackServer) => void, work: (server: LoopbackServer) => Promise<T>): Promise<T> {
  const server = new LoopbackServer();
  setup(server);
  await server.start();
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}
