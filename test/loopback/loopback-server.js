/**
 * A tiny programmable HTTP server on 127.0.0.1 (port 0) for provider tests: routes by path,
 * faults injected per route (status with or without Retry-After, a hung connection, a truncated
 * body, a delay), and a log of every request. Tests never touch the internet.
 */
import { createServer } from 'node:http';
export class LoopbackServer {
    requests = [];
    routes = new Map();
    faults = new Map();
    sockets = new Set();
    server;
    /** Delay before every answer, for tests that must catch a sync in the middle. */
    delayMs = 0;
    baseUrl = '';
    route(path, handler) {
        this.routes.set(path, handler);
        return this;
    }
    /** The next `times` requests to `path` (or '*') meet `fault`. */
    fail(path, fault, times = 1) {
        const queue = this.faults.get(path) ?? [];
        for (let i = 0; i < times; i++)
            queue.push(fault);
        this.faults.set(path, queue);
        return this;
    }
    requestsTo(path) {
        return this.requests.filter((r) => r.path === path);
    }
    async start(prefix = '') {
        this.server = createServer((request, response) => void this.handle(request, response, prefix));
        this.server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        const address = this.server.address();
        if (address === null || typeof address === 'string')
            throw new Error('loopback server has no port');
        this.baseUrl = `http://127.0.0.1:${address.port}${prefix}`;
        return this;
    }
    async close() {
        for (const socket of this.sockets)
            socket.destroy();
        if (this.server)
            await new Promise((resolve) => this.server.close(() => resolve()));
    }
    async handle(request, response, prefix) {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
        this.requests.push({ path, url, headers: request.headers });
        if (this.delayMs > 0)
            await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const fault = this.faults.get(path)?.shift() ?? this.faults.get('*')?.shift();
        if (fault?.kind === 'hang')
            return;
        try {
            let reply;
            if (fault?.kind === 'status') {
                reply = { status: fault.status, headers: fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}, body: fault.body ?? { error: `injected ${fault.status}` } };
            }
            else if (fault?.kind === 'replace') {
                reply = { status: fault.status ?? 200, body: fault.body };
            }
            else {
                const handler = this.routes.get(path);
                reply = handler ? await handler(url, request) : { status: 404, body: { error: `no route for ${path}` } };
            }
            const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
            const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
            const bytes = Buffer.from(text);
            response.writeHead(reply.status ?? 200, { 'content-type': type, 'content-length': String(bytes.length), ...reply.headers });
            if (fault?.kind === 'truncate') {
                response.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
                response.socket?.destroy();
                return;
            }
            response.end(bytes);
        }
        catch (error) {
            response.writeHead(500, { 'content-type': 'text/plain' });
            response.end(String(error));
        }
    }
}
/** Starts a server, runs `work`, and always closes it. */
export async function withLoopback(setup, work) {
    const server = new LoopbackServer();
    setup(server);
    await server.start();
    try {
        return await work(server);
    }
    finally {
        await server.close();
    }
}
