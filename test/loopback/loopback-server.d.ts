/**
 * A tiny programmable HTTP server on 127.0.0.1 (port 0) for provider tests: routes by path,
 * faults injected per route (status with or without Retry-After, a hung connection, a truncated
 * body, a delay), and a log of every request. Tests never touch the internet.
 */
import { type IncomingMessage } from 'node:http';
export interface LoopbackReply {
    status?: number;
    headers?: Record<string, string>;
    /** Objects are sent as JSON. */
    body?: unknown;
}
export type LoopbackHandler = (url: URL, request: IncomingMessage) => LoopbackReply | Promise<LoopbackReply>;
export type Fault = {
    kind: 'status';
    status: number;
    retryAfter?: string;
    body?: unknown;
}
/** Accepts the request and never answers. */
 | {
    kind: 'hang';
}
/** Sends a Content-Length for the whole body but only half of it, then closes. */
 | {
    kind: 'truncate';
}
/** Answers with this body instead (schema drift, empty results). */
 | {
    kind: 'replace';
    body: unknown;
    status?: number;
}
/** Answers normally (queued before another fault, it lets that one hit a later request). */
 | {
    kind: 'pass';
};
export interface LoggedRequest {
    path: string;
    url: URL;
    headers: IncomingMessage['headers'];
}
export declare class LoopbackServer {
    readonly requests: LoggedRequest[];
    private readonly routes;
    private readonly faults;
    private readonly sockets;
    private server;
    /** Delay before every answer, for tests that must catch a sync in the middle. */
    delayMs: number;
    baseUrl: string;
    route(path: string, handler: LoopbackHandler): this;
    /** The next `times` requests to `path` (or '*') meet `fault`. */
    fail(path: string, fault: Fault, times?: number): this;
    requestsTo(path: string): LoggedRequest[];
    start(prefix?: string): Promise<this>;
    close(): Promise<void>;
    private handle;
}
/** Starts a server, runs `work`, and always closes it. */
export declare function withLoopback<T>(setup: (server: LoopbackServer) => void, work: (server: LoopbackServer) => Promise<T>): Promise<T>;
