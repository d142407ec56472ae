// Raw-socket attacks on a listening server, and the fake Skyvern API that can stall or break off.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY = 'sk-node-adapter-key-31415926';

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export {
  ABORT_WAIT_MS,
  CLIENT_LEAVES,
  clientLeaves,
  fakeApi,
  settlesWithin,
  UPSTREAM_TIMEOUT_MS,
  upstreamStalls,
} from '../../../tests/proxy-attacks/fake-api.mjs';
export { raw, rawGet, type RawAnswer } from '../../../tests/proxy-attacks/raw-http.mjs';
