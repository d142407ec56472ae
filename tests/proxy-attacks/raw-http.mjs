// Raw HTTP/1.1 over a socket, for attacks a fetch client cannot send (TRACE, a broken Host, garbage).
// Shared by the Node adapters' tests (packages/core/test) and the edge attack suite (run.mjs).
import { connect } from 'node:net';

/**
 * Sends `text` as is on a fresh socket; resolves with the status (0 if none), the whole text and
 * whether the server closed it, when the server closes it or after `waitMs`. `untilComplete` also
 * resolves once one whole answer has arrived (workerd keeps the connection open despite
 * `Connection: close`).
 */
export function raw(port, text, { waitMs = 3000, untilComplete = false } = {}) {
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
      if (untilComplete && complete(data)) done();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.write(text);
  });
}

/** A whole answer: its head, and a body of its content-length or a last chunk. */
function complete(data) {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = data.slice(0, end).toLowerCase();
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) return data.length - end - 4 >= Number(length[1]);
  return /\r\ntransfer-encoding: *chunked/.test(head) && data.endsWith('\r\n0\r\n\r\n');
}

/** A GET over a raw socket, `Connection: close`, with extra header lines. */
export const rawGet = (port, path, headers = ['Host: localhost'], options = {}) =>
  raw(port, `GET ${path} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`, options);

/**
 * GETs `path` (or sends `request`, raw, as is) and hangs up once `until` resolves or, without it,
 * at the first streamed chunk (text `chunk`): with an orderly close (FIN, what a browser sends when
 * a fetch is aborted before any answer) or, with `reset`, an RST.
 */
export function leave(port, path, { until, reset = false, request } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const hangUp = () => {
      if (reset) socket.resetAndDestroy();
      else socket.destroy();
      resolve();
    };
    socket.on('error', reject);
    socket.write(request ?? `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    if (until) until.then(hangUp, reject);
    else
      socket.on('data', (chunk) => {
        if (chunk.toString().includes('chunk')) hangUp();
      });
  });
}
