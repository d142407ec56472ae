// A fake Skyvern API on loopback for the proxy attacks, and the client-abort attacks checked at it.
// Shared by the Node adapters' tests (packages/core/test) and the edge attack suite (run.mjs).
import { createServer } from 'node:http';
import { leave, rawGet } from './raw-http.mjs';

/**
 * `GET /v1/runs/{id}` answers by id (`POST /v1/upload_file` once the whole upload is in): `stall` never answers; `stall-json` sends JSON headers and
 * half a body, then nothing; `stream` (octet-stream) and `events` (text/event-stream, scrubbed by
 * the proxy as it streams) send a `chunk` every 20 ms until the caller goes; `reset-stream` /
 * `reset-json` send part of a body then destroy the socket; anything else is JSON
 * `{ run_id, headers }` echoing what arrived.
 *
 * `api.expect(id)` registers the next call of that id: `arrived` resolves when it reaches the API,
 * `aborted` when its connection closes before the answer was complete, i.e. the proxy gave up on it.
 */
export function fakeApi() {
  const seen = [];
  const expected = new Map();
  const server = createServer((req, res) => {
    seen.push({ path: req.url, headers: req.headers });
    const id = req.url.split('?')[0].split('/').at(-1);
    const call = expected.get(id)?.shift();
    res.on('close', () => {
      if (!res.writableFinished) call?.abort();
    });
    call?.arrive();
    if (id === 'stall') return;
    if (id === 'upload_file') {
      // Answers once the whole upload is in.
      req.resume();
      req.on('end', () => res.end('{"file_url":"https://files.test/f"}'));
      return;
    }
    if (id === 'stall-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"run_id":"stall-json",');
      return;
    }
    if (id === 'stream' || id === 'events') {
      res.writeHead(200, { 'content-type': id === 'events' ? 'text/event-stream' : 'application/octet-stream' });
      const timer = setInterval(() => res.write(id === 'events' ? 'data: chunk\n\n' : 'chunk\n'), 20);
      res.on('close', () => clearInterval(timer));
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
  function expect(id) {
    const call = {};
    call.arrived = new Promise((resolve) => {
      call.arrive = resolve;
    });
    call.aborted = new Promise((resolve) => {
      call.abort = resolve;
    });
    if (!expected.has(id)) expected.set(id, []);
    expected.get(id).push(call);
    return { arrived: call.arrived, aborted: call.aborted };
  }
  return { server, seen, expect };
}

/**
 * The ways a client leaves that must abort the proxy's upstream call. `phase`: `before the answer`
 * hangs up once the call has reached the API (the proxy has sent the client nothing yet);
 * `mid-stream` at the first streamed chunk; `mid-upload` once the call has reached the API with
 * only part of the upload sent. `reset`: an RST instead of an orderly close (FIN).
 */
export const CLIENT_LEAVES = [
  { name: 'before the answer (FIN)', id: 'stall', phase: 'before the answer', reset: false },
  { name: 'before the answer (RST)', id: 'stall', phase: 'before the answer', reset: true },
  { name: 'while a JSON answer is read whole (FIN)', id: 'stall-json', phase: 'before the answer', reset: false },
  { name: 'mid-stream, binary (FIN)', id: 'stream', phase: 'mid-stream', reset: false },
  { name: 'mid-stream, scrubbed text (FIN)', id: 'events', phase: 'mid-stream', reset: false },
  { name: 'mid-upload (FIN)', id: 'upload_file', phase: 'mid-upload', reset: false },
];

// Half of an upload: the proxy streams uploads through, so the call reaches the API before the end.
const HALF_AN_UPLOAD =
  'POST /api/skyvern/v1/upload_file HTTP/1.1\r\nHost: localhost\r\n' +
  'Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n' +
  '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n' +
  'a'.repeat(20_000);

/** How long an abort may take to reach the API before the attack counts as failed. */
export const ABORT_WAIT_MS = 2000;
/**
 * The upstreamTimeout every mount under attack is given: past ABORT_WAIT_MS, so an abort seen in
 * time cannot be the timeout's, and short enough to wait for it.
 */
export const UPSTREAM_TIMEOUT_MS = ABORT_WAIT_MS + 1500;

/**
 * Runs one of CLIENT_LEAVES against the proxy at `port` (mounted at /api/skyvern, in front of
 * `api`). `inTime`: the API saw its call aborted within `waitMs`; `aborted` resolves whenever it is.
 */
export async function clientLeaves(port, api, { id, phase, reset }, waitMs = ABORT_WAIT_MS) {
  const call = api.expect(id);
  await leave(port, `/api/skyvern/v1/runs/${id}`, {
    // For stall-json: a moment for the proxy to get the headers and start reading the body.
    until: phase === 'mid-stream' ? undefined : call.arrived.then(() => sleep(id === 'stall-json' ? 100 : 0)),
    reset,
    request: phase === 'mid-upload' ? HALF_AN_UPLOAD : undefined,
  });
  return { inTime: await settlesWithin(call.aborted, waitMs), aborted: call.aborted };
}

/**
 * GETs a call the API never answers from the proxy at `port` (given UPSTREAM_TIMEOUT_MS): the
 * answer the client got, and whether the API saw the call aborted by then.
 */
export async function upstreamStalls(port, api) {
  const call = api.expect('stall');
  const answer = await rawGet(port, '/api/skyvern/v1/runs/stall', undefined, {
    untilComplete: true,
    waitMs: UPSTREAM_TIMEOUT_MS + ABORT_WAIT_MS,
  });
  return { ...answer, aborted: await settlesWithin(call.aborted, ABORT_WAIT_MS) };
}

/** Whether `promise` settles within `ms`. */
export async function settlesWithin(promise, ms) {
  let timer;
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
