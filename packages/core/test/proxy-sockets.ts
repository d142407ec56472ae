// Raw-socket attacks on a listening server, and a fake Skyvern API that can stall or break off.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export const KEY = 'sk-node-adapter-key-31415926';

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** What a raw HTTP exchange gave: the status (0 if none), the whole text, and whether the server closed it. */
export interface RawAnswer {
  status: number;
  text: string;
  closed: boolean;
}

/** Sends `text` as is on a fresh socket; resolves when the server closes it or after `waitMs`. */
export function raw(port: number, text: string, waitMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0), text: data, closed });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.write(text);
  });
}

/** A GET over a raw socket, `Connection: close`, with extra header lines. */
export const rawGet = (port: number, path: string, headers: string[] = ['Host: localhost']) =>
  raw(port, `GET ${path} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`);

/**
 * A fake Skyvern API. `GET /v1/runs/{id}` answers by id: `stream` sends octet-stream chunks until the
 * client goes; `reset-stream` / `reset-json` send part of a body then destroy the socket; anything
 * else is JSON `{ run_id, headers }` echoing what arrived.
 */
export function fakeApi() {
  const seen: { path: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let streamClosed: () => void = () => {};
  const streamGone = new Promise<void>((resolve) => {
    streamClosed = resolve;
  });
  const server = createServer((req, res) => {
    seen.push({ path: req.url!, headers: req.headers });
    const id = req.url!.split('/').at(-1);
    if (id === 'stream') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => res.write('chunk\n'), 20);
      res.on('close', () => {
        clearInterval(timer);
        streamClosed();
      });
      return;
    }
    if (id === 'reset-stream' || id === 'reset-json') {
      const type = id === 'reset-json' ? 'application/json' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': '100000' });
      res.write('{"run_id":"partial", "padding":"');
      setTimeout(() => res.socket?.destroy(), 30);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ run_id: id, headers: req.headers }));
  });
  return { server, seen, streamGone };
}
