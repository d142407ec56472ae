// Per-call CPU of getRun over loopback: raw fetch, bare ky, openapi-fetch and this SDK
// against the same keep-alive server (another process). One call at a time; CPU is
// process.cpuUsage() (user + system, all threads of this process, so GC and undici
// included) divided by the calls. Clients take turns within each round so drifting
// load on the machine hits all of them alike; the figure is the median over rounds.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ky from 'ky';
import createClient from 'openapi-fetch';
import { SkyvernClient, getRun } from '@skyvern-edge/core';

const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CPU_CALLS ?? 2000);
const WARMUP = Number(process.env.BENCH_CPU_WARMUP ?? 1000);
const API_KEY = 'sk-bench';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function runCpu() {
  const server = spawn(process.execPath, [fileURLToPath(new URL('./cpu-server.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const [line] = await once(createInterface({ input: server.stdout }), 'line');
    const { port, runId, bytes } = JSON.parse(line);
    const base = `http://127.0.0.1:${port}`;
    const headers = { 'x-api-key': API_KEY, accept: 'application/json' };

    const kyClient = ky;
    const openapi = createClient({ baseUrl: base, headers });
    const sdk = new SkyvernClient({ apiKey: API_KEY, baseUrl: base });
    const clients = {
      'raw fetch': async () => {
        const response = await fetch(`${base}/v1/runs/${runId}`, { headers });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      },
      'bare ky': () => kyClient.get(`${base}/v1/runs/${runId}`, { headers }).json(),
      'openapi-fetch': async () => {
        const { data, error } = await openapi.GET('/v1/runs/{run_id}', { params: { path: { run_id: runId } } });
        if (error) throw new Error('openapi-fetch error');
        return data;
      },
      'this SDK (getRun)': () => getRun(sdk, runId),
    };
    for (const [name, call] of Object.entries(clients)) {
      const run = await call();
      if (run?.run_id !== runId) throw new Error(`${name}: unexpected answer`);
    }

    const measure = async (call, n) => {
      const wall0 = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < n; i++) await call();
      const cpu = process.cpuUsage(cpu0);
      const wall = Number(process.hrtime.bigint() - wall0) / 1000;
      return { cpu: (cpu.user + cpu.system) / n, wall: wall / n };
    };
    for (const call of Object.values(clients)) await measure(call, WARMUP);

    const names = Object.keys(clients);
    const samples = Object.fromEntries(names.map((n) => [n, { cpu: [], wall: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round: no client is always first after a GC-heavy one.
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        globalThis.gc?.();
        const { cpu, wall } = await measure(clients[name], CALLS);
        samples[name].cpu.push(cpu);
        samples[name].wall.push(wall);
      }
    }
    const results = names.map((name) => ({
      client: name,
      cpuUs: median(samples[name].cpu),
      wallUs: median(samples[name].wall),
      cpuSamples: samples[name].cpu.map((x) => Math.round(x * 10) / 10),
    }));
    return { rounds: ROUNDS, calls: CALLS, warmup: WARMUP, bodyBytes: bytes, results };
  } finally {
    server.stdin.end();
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runCpu();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
