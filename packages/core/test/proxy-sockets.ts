// Raw-socket attacks on a listening server, and a fake Skyvern API that can stall or break off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY = 'sk-node-adapter-key-31415926';

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export { leaveMidStream, raw, rawGet, type RawAnswer } from '../../../tests/proxy-attacks/raw-http.mjs';

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
