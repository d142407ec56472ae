// The attack suite against the README's edge mounts of the built token proxy (packages/core/dist):
// Deno.serve, Bun.serve (their npm packages) and a Worker under workerd (miniflare), each over raw
// sockets, in front of a fake Skyvern API on loopback that can stream, stall and break off.
// (The Node adapters get the same attacks in packages/core/test/proxy-node.test.ts.)
//   node tests/proxy-attacks/run.mjs [--only=deno,bun,workerd]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bunBinary, denoBinary } from '../runtimes/lib.mjs';
import { leaveMidStream, raw as rawSocket, rawGet } from './raw-http.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROXY = join(HERE, '..', '..', 'packages', 'core', 'dist', 'proxy.js');
const KEY = 'sk-edge-attack-key-27182818';
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice(7)
  .split(',');
const requireHere = createRequire(join(HERE, '..', 'package.json'));

// ── the fake Skyvern API ─────────────────────────────────────────────────────────────────────
const seen = [];
let onStreamClosed = () => {};
let onStallClosed = () => {};
const api = createServer((req, res) => {
  seen.push({ path: req.url, headers: req.headers });
  const id = req.url.split('?')[0].split('/').at(-1);
  if (id === 'stream') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const timer = setInterval(() => res.write('chunk\n'), 20);
    res.on('close', () => {
      clearInterval(timer);
      onStreamClosed();
    });
    return;
  }
  if (id === 'stall') {
    // Never answers: only a client abort (passed on by the runtime) closes this.
    res.on('close', () => onStallClosed());
    return;
  }
  if (id === 'reset-stream' || id === 'reset-json') {
    res.writeHead(200, {
      'content-type': id === 'reset-json' ? 'application/json' : 'application/octet-stream',
      'content-length': '100000',
    });
    res.write('{"run_id":"partial", "padding":"');
    setTimeout(() => res.socket?.destroy(), 30);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ run_id: id }));
});
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
const API_URL = `http://127.0.0.1:${api.address().port}`;

// ── raw sockets ──────────────────────────────────────────────────────────────────────────────
// workerd keeps the connection open despite `Connection: close`: every read ends at a whole answer.
const raw = (port, text) => rawSocket(port, text, { untilComplete: true });
const get = (port, path, headers) => rawGet(port, path, headers, { untilComplete: true });
const check = (ok, message) => {
  if (!ok) throw new Error(message);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Attacks a runtime is known to fail, with why: printed as GAP (not counted as passed), so the
// gap stays visible until it is closed.
const knownGaps = {
  'a client gone before the answer aborts the upstream call': {
    workerd:
      'local workerd does not notice a client that leaves before the first byte of the answer ' +
      '(mid-stream it does: see the attack above); open, see the report of issue 15',
  },
};

const attacks = {
  async 'a normal request goes through with the key'(port) {
    const answer = await get(port, '/api/skyvern/v1/runs/alive');
    check(answer.status === 200 && answer.text.includes('"run_id":"alive"'), `got ${answer.text.slice(0, 200)}`);
    check(seen.at(-1).headers['x-api-key'] === KEY, 'the upstream did not get the key');
  },
  async 'TRACE is refused, the request not echoed'(port) {
    const answer = await raw(
      port,
      'TRACE /api/skyvern/v1/runs/abc HTTP/1.1\r\nHost: localhost\r\nCookie: secret=1\r\nConnection: close\r\n\r\n',
    );
    check(answer.status >= 400 && answer.status < 500, `status ${answer.status}`);
    check(!answer.text.includes('secret=1'), 'the request was echoed');
  },
  async 'an invalid Host header is answered'(port, runtime) {
    for (const host of ['Host: [', 'Host: a b', 'Host: x:99999']) {
      const answer = await get(port, '/api/skyvern/v1/runs/host', [host]);
      check(answer.status !== 0 || answer.closed, `${host}: no answer`);
      // workerd itself cannot build a Request for such a Host and answers a bare 500 before the
      // Worker runs (Cloudflare's edge never forwards one); everywhere else the proxy says 400.
      const runtimeRefused = runtime === 'workerd' && answer.status === 500 && !answer.text.includes('"detail"');
      check(answer.status < 500 || runtimeRefused, `${host}: status ${answer.status}`);
    }
  },
  async 'a client gone mid-stream aborts the upstream call'(port) {
    const gone = new Promise((resolve) => {
      onStreamClosed = resolve;
    });
    await leaveMidStream(port, '/api/skyvern/v1/runs/stream');
    const closed = await Promise.race([gone.then(() => true), sleep(5000).then(() => false)]);
    check(closed, 'the upstream stream was still open 5 s after the client left');
  },
  async 'a client gone before the answer aborts the upstream call'(port) {
    const gone = new Promise((resolve) => {
      onStallClosed = resolve;
    });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write('GET /api/skyvern/v1/runs/stall HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await sleep(100);
    socket.destroy();
    const closed = await Promise.race([gone.then(() => true), sleep(5000).then(() => false)]);
    check(closed, 'the upstream call was still open 5 s after the client left');
  },
  async 'an upstream reset mid-stream cuts the answer'(port) {
    const answer = await get(port, '/api/skyvern/v1/runs/reset-stream');
    check(answer.closed, 'the connection stayed open');
    check(!/\r\n0\r\n\r\n$/.test(answer.text), 'the cut answer ended like a complete one');
  },
  async 'an upstream reset mid-JSON is a 502'(port) {
    const answer = await get(port, '/api/skyvern/v1/runs/reset-json');
    check(answer.status === 502 && answer.text.includes('"detail"'), `got ${answer.text.slice(0, 200)}`);
  },
};

// ── the mounts ───────────────────────────────────────────────────────────────────────────────
const env = { ...process.env, PROXY_MODULE: pathToFileURL(PROXY).href, SKYVERN_API_KEY: KEY, API_URL };

function spawned(cmd) {
  return async () => {
    const child = spawn(cmd[0], cmd.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no LISTENING line in 30 s: ${output.slice(-500)}`)), 30_000);
      const read = (chunk) => {
        output += chunk;
        const match = /LISTENING (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output.slice(-500)}`)));
    });
    return {
      port,
      alive: () => child.exitCode === null,
      stop: () => child.kill(),
    };
  };
}

async function workerd() {
  const { build } = await import(pathToFileURL(requireHere.resolve('esbuild')).href);
  const { Miniflare } = await import(pathToFileURL(requireHere.resolve('miniflare')).href);
  const bundle = await build({
    entryPoints: [join(HERE, 'entries', 'worker.mjs')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    alias: { 'skyvern-proxy': PROXY },
    logLevel: 'silent',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2025-09-01',
    bindings: { SKYVERN_API_KEY: KEY, API_URL },
  });
  const url = await mf.ready;
  return { port: Number(url.port), alive: () => true, stop: () => mf.dispose() };
}

const deno = denoBinary();
const bun = bunBinary();
const runtimes = {
  deno:
    deno &&
    spawned([
      deno,
      'run',
      '--no-lock',
      '--no-prompt',
      '--allow-net',
      '--allow-env',
      '--allow-read',
      join(HERE, 'entries', 'deno.mjs'),
    ]),
  bun: bun && spawned([bun, '--no-install', join(HERE, 'entries', 'bun.mjs')]),
  workerd,
};

let passed = 0;
let failed = 0;
for (const [name, start] of Object.entries(runtimes)) {
  if (only && !only.includes(name)) continue;
  if (!start) {
    console.log(`FAIL ${name}: its binary is missing (pnpm install puts it in tests/node_modules)`);
    failed++;
    continue;
  }
  const t0 = performance.now();
  let server;
  try {
    server = await start();
  } catch (error) {
    console.log(`FAIL ${name}: could not start: ${error.message}`);
    failed++;
    continue;
  }
  for (const [attack, run] of Object.entries(attacks)) {
    const started = performance.now();
    const gap = knownGaps[attack]?.[name];
    if (gap) {
      console.log(`GAP  ${name}: ${attack}: ${gap}`);
      continue;
    }
    try {
      await run(server.port, name);
      // Every attack is followed by a normal request: the server must survive and still answer.
      const after = await get(server.port, '/api/skyvern/v1/runs/after');
      check(server.alive() && after.status === 200, `the server did not answer afterwards (${after.status})`);
      passed++;
      console.log(`PASS ${name}: ${attack} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}: ${attack}: ${error.message}`);
    }
  }
  await server.stop();
  console.log(`     ${name}: ${Math.round(performance.now() - t0)} ms`);
}
api.closeAllConnections();
api.close();
console.log(`proxy-attacks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
