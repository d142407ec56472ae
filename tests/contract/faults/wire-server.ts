// A small fault server for what the simulator's faults cannot express: breakage inside the
// HTTP framing. The simulator processes every request (so a run IS created); then, for a
// request that matches a rule, the answer is cut off mid-status-line/headers or mid-body and
// the socket is reset (RST). Every other request gets the simulator's answer in full.
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Simulator } from '@skyvern-edge/testing';

export type WireFault =
  /** Processed; part of the status line and headers are sent, then the connection is reset. */
  | 'reset-mid-headers'
  /** Processed; the headers (with the full content-length) and half the body are sent, then reset. */
  | 'reset-mid-body';

export interface WireRule {
  fault: WireFault;
  method: string;
  path: RegExp;
  /** How many matching requests meet the fault (default 1). */
  times?: number;
}

export interface WireServer {
  readonly url: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body });
}

/** Sends `bytes`, lets them reach the peer, then resets the connection. */
async function cutOff(socket: Socket, bytes: Buffer): Promise<void> {
  await new Promise<void>((resolve) => socket.write(bytes, () => resolve()));
  // A reset discards unsent data: give the bytes time to arrive before the RST.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const s = socket as Socket & { resetAndDestroy?: () => Socket };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else socket.destroy();
}

export async function serveWire(sim: Simulator, rules: WireRule[]): Promise<WireServer> {
  const remaining = rules.map((rule) => ({ rule, left: rule.times ?? 1 }));
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, `http://${req.headers.host}`);
        const path = new URL(request.url).pathname;
        const entry = remaining.find((r) => r.left > 0 && r.rule.method === request.method && r.rule.path.test(path));
        const response = await sim.handle(request);
        const body = Buffer.from(await response.arrayBuffer());
        if (!entry) {
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => (headers[name] = value));
          headers['content-length'] = String(body.byteLength);
          res.writeHead(response.status, headers);
          res.end(body);
          return;
        }
        entry.left--;
        const record = sim.requests[sim.requests.length - 1];
        if (record) record.fault = entry.rule.fault;
        const head = `HTTP/1.1 ${response.status} OK\r\ncontent-type: ${response.headers.get('content-type') ?? 'application/json'}\r\ncontent-length: ${body.byteLength}\r\n\r\n`;
        if (entry.rule.fault === 'reset-mid-headers') {
          await cutOff(req.socket, Buffer.from(head.slice(0, Math.floor(head.length / 2))));
        } else {
          await cutOff(
            req.socket,
            Buffer.concat([Buffer.from(head), body.subarray(0, Math.floor(body.byteLength / 2))]),
          );
        }
      } catch {
        res.destroy();
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
