#!/usr/bin/env node
// `pnpm bench`: builds what it needs (core when stale, the spec's openapi-typescript
// types, the simulator), runs every benchmark, prints one markdown table of this SDK's
// figures beside references measured in the same run, and writes it to bench/results.md.
//
//   node bench/run.mjs                   everything (~1–2 minutes)
//   node bench/run.mjs --only=bundle,cpu some sections: bundle, cpu, polling, waiters, cold, cloudflare
//
// Each measuring section runs in a child process of its own (CPU, heap and fake timers
// do not leak between them). See bench/README.md for what each figure means.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { runBundles } from './lib/bundle.mjs';
import { BENCH, prepareAll } from './lib/prepare.mjs';

const SECTIONS = ['bundle', 'cpu', 'polling', 'waiters', 'cold', 'cloudflare'];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : SECTIONS;
for (const s of only)
  if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s} (one of ${SECTIONS.join(', ')})`);

const started = Date.now();
const load0 = loadavg()[0];
const progress = (message) => process.stderr.write(`› ${message}\n`);

/** Runs lib/<file> in a child process; its stdout is one JSON document. */
function child(file, nodeArgs = []) {
  const out = execFileSync(process.execPath, [...nodeArgs, join(BENCH, 'lib', file)], {
    cwd: BENCH,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return JSON.parse(out.toString());
}

const results = {};
const errors = {};
async function section(name, label, fn) {
  if (!only.includes(name)) return;
  progress(label);
  const t0 = Date.now();
  try {
    results[name] = await fn();
  } catch (error) {
    errors[name] = error?.message?.split('\n')[0] ?? String(error);
    process.stderr.write(`! ${name}: ${errors[name]}\n`);
  }
  progress(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await prepareAll();
await section('bundle', 'bundle sizes (esbuild, minified, gzip -9)', () => runBundles());
await section('cpu', 'per-call CPU of getRun on loopback (7 rounds × 2000 calls per client)', () =>
  child('cpu.mjs', ['--expose-gc']),
);
await section('polling', 'polling a 60 s run on the simulator with fake timers (100 trials per schedule)', () =>
  child('polling.mjs'),
);
await section('waiters', '1,000 concurrent waitForRun', () => child('waiters.mjs', ['--expose-gc']));
await section('cold', 'cold start of the core entry (Node, workerd)', () => child('coldstart.mjs'));
await section('cloudflare', '1,000 runs of 60 s + U(0, 5 s) from a Durable Object batch on workerd, scaled clock', () =>
  child('cloudflare.mjs'),
);

// ---------------------------------------------------------------- formatting

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (x) => `${Math.round(x)} ms`;
const s1 = (x) => `${(x / 1000).toFixed(2)} s`;
const us = (x) => `${Math.round(x)} µs`;
const mark = (ok) => (ok ? '✅' : '❌');

const rows = [];
const row = (benchmark, measured, reference, goal, met) => rows.push([benchmark, measured, reference, goal, met]);
const failed = (name, benchmark) => row(benchmark, `error: ${errors[name]}`, '', '', '❌');

if (results.bundle) {
  const { rows: b, markers } = results.bundle;
  const by = Object.fromEntries(b.map((r) => [r.id, r]));
  const refs = `bare ky ${kB(by.ky.gzip)}; openapi-fetch ${kB(by['openapi-fetch'].gzip)}`;
  for (const id of ['a', "a'", 'b', 'c']) {
    const r = by[id];
    const goal = r.goal ? `≤ ${kB(r.goal)}` : '—';
    const met = r.goal ? `${mark(r.gzip <= r.goal)}${r.gzip > r.goal ? ` (${kB(r.gzip - r.goal)} over)` : ''}` : '';
    row(`Bundle ${r.name}`, `${kB(r.gzip)} gz (${kB(r.minified)} min)`, id === 'c' ? '—' : refs, goal, met);
  }
  const leaked = markers.filter((m) => m.inA);
  row(
    'Tree-shaking: (a) holds no unrelated operation',
    markers.map((m) => `\`${m.marker}\` ${m.inA ? 'found' : 'absent'}`).join(', '),
    `in (b): ${markers.map((m) => (m.inB ? 'found' : 'absent')).join(', ')}`,
    'absent',
    mark(leaked.length === 0 && markers.every((m) => m.inB)),
  );
} else if (errors.bundle) failed('bundle', 'Bundle sizes');

if (results.cpu) {
  const by = Object.fromEntries(results.cpu.results.map((r) => [r.client, r]));
  const sdk = by['this SDK (getRun)'];
  const ky = by['bare ky'];
  const ratio = sdk.cpuUs / ky.cpuUs;
  // The same ratio round by round (each round runs every client back to back): its spread shows the noise.
  const perRound = sdk.cpuSamples.map((x, i) => x / ky.cpuSamples[i]).sort((x, y) => x - y);
  row(
    `CPU per getRun call, loopback (median of ${results.cpu.rounds} × ${results.cpu.calls})`,
    `${us(sdk.cpuUs)} (wall ${us(sdk.wallUs)})`,
    `raw fetch ${us(by['raw fetch'].cpuUs)}; bare ky ${us(ky.cpuUs)}; openapi-fetch ${us(by['openapi-fetch'].cpuUs)}`,
    '≤ 1.05× bare ky',
    `${mark(ratio <= 1.05)} ${ratio.toFixed(2)}× (per round ${perRound[0].toFixed(2)}–${perRound.at(-1).toFixed(2)}×)`,
  );
} else if (errors.cpu) failed('cpu', 'CPU per getRun call');

if (results.polling) {
  const [def, fixed] = results.polling.results;
  row(
    `Polling a ${results.polling.runMs} run (${def.trials} trials, fake clock)`,
    `delay mean ${s1(def.delayMeanMs)}, max ${s1(def.delayMaxMs)}; ${def.requestsMean.toFixed(1)} requests incl. the create (max ${def.requestsMax})`,
    `fixed 10 s poll: delay mean ${s1(fixed.delayMeanMs)}, max ${s1(fixed.delayMaxMs)}; ${fixed.requestsMean.toFixed(1)} requests`,
    'mean ≤ 1.50 s, ≤ 25 requests',
    mark(def.delayMeanMs <= 1500 && def.requestsMax <= 25),
  );
} else if (errors.polling) failed('polling', 'Polling');

if (results.waiters) {
  const w = results.waiters;
  row(
    `Heap per waiter (${w.waiters.toLocaleString('en')} concurrent waitForRun)`,
    kB(w.bytesPerWaiter),
    `of which the last run seen: ~${kB(w.runObjectBytes)}`,
    '≤ 5.00 kB',
    `${mark(w.bytesPerWaiter <= 5000)}${w.bytesPerWaiter > 5000 ? ` (${kB(w.bytesPerWaiter - 5000)} over)` : ''}`,
  );
  row(
    'Pending timers after aborting them all',
    String(w.timersAfterAbort),
    `${w.timersWhileWaiting} while waiting; all ${w.outcomes.aborted ?? 0} rejected with UserAbortError`,
    '0',
    mark(w.timersAfterAbort === 0 && w.nodeActiveTimeoutsAfterAbort === 0 && w.outcomes.aborted === w.waiters),
  );
} else if (errors.waiters) failed('waiters', 'Waiters');

/** Node cold start of the core entry over `node -e ""` (issue 18). */
const COLD_GOAL_MS = 60;
if (results.cold) {
  const { node, workerd } = results.cold;
  row(
    `Cold start, Node ${process.version}: \`node -e "await import('@skyvern-edge/core')"\` minus \`node -e ""\` (median of ${node.rounds})`,
    `+${ms(node.core.diffMs)} (the import alone: ${ms(node.core.importWallMs)} wall, ${ms(node.core.importCpuMs)} CPU)`,
    `bare ky +${ms(node.ky.diffMs)} (${ms(node.ky.importWallMs)} wall, ${ms(node.ky.importCpuMs)} CPU); \`node -e ""\` ${ms(node.baselineMs)}`,
    `≤ +${COLD_GOAL_MS} ms`,
    mark(node.core.diffMs <= COLD_GOAL_MS),
  );
  if (workerd.available) {
    const cpu = (x) => (x === undefined ? '' : `, ${ms(x)} CPU of workerd`);
    row(
      `Cold start, workerd (miniflare ${workerd.miniflare}): Worker importing all of core minus an empty Worker, to first response (median of ${workerd.rounds})`,
      `+${ms(workerd.core.diffMs)} wall${cpu(workerd.core.cpuDiffMs)}`,
      `bare ky +${ms(workerd.ky.diffMs)} wall${cpu(workerd.ky.cpuDiffMs)}; empty Worker ${ms(workerd.baselineMs)}`,
      '—',
      '',
    );
  } else {
    row('Cold start, workerd (miniflare)', 'n/a', workerd.reason, '—', '');
  }
} else if (errors.cold) failed('cold', 'Cold start');

if (results.cloudflare) {
  const { concurrency, legs } = results.cloudflare;
  for (const leg of legs) {
    const hooks = leg.mode === 'webhooks';
    const goalRequests = hooks ? 2 : 25;
    // A webhook's delay (an HTTP hop, the object) does not shrink with the runs: judged unscaled.
    const delay = hooks
      ? `detection delay mean ${ms(leg.realDelayMeanMs)}, p95 ${ms(leg.realDelayP95Ms)} (× ${leg.scale} on the scaled clock: ${s1(leg.delayMeanMs)})`
      : `detection delay mean ${s1(leg.delayMeanMs)}, p95 ${s1(leg.delayP95Ms)}`;
    const cpu =
      leg.workerdCpuMs === undefined ? 'n/a' : `${(leg.workerdCpuMs / leg.runs).toFixed(1)} ms CPU of workerd per run`;
    row(
      `Cloudflare batch, ${leg.mode}: ${leg.runs.toLocaleString('en')} runs at concurrency ${concurrency} (SkyvernBatchObject, workerd, clock ÷ ${leg.scale})`,
      `${leg.requestsPerRun.toFixed(2)} requests to Skyvern per run (max ${leg.requestsPerRunMax}); ${delay}; batch ${s1(leg.simulatedWallMs)} (${s1(leg.wallMs)} real); ${cpu}`,
      `${leg.runsCreated} runs created, ${leg.completed} completed; ideal batch ${s1(leg.idealSimulatedWallMs)}; found by ${Object.entries(
        leg.detectedBy,
      )
        .filter(([, n]) => n)
        .map(([by, n]) => `${by} ${n}`)
        .join(', ')}`,
      hooks ? '≤ 2 requests, mean delay ≤ 1.50 s' : '≤ 25 requests',
      mark(
        leg.requestsPerRun <= goalRequests && (!hooks || leg.realDelayMeanMs <= 1500) && leg.runsCreated === leg.runs,
      ),
    );
  }
} else if (errors.cloudflare) failed('cloudflare', 'Cloudflare batch');

function table(header, body) {
  const esc = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const parts = ['## Benchmarks', '', table(['Benchmark', 'This SDK', 'Reference (same run)', 'Goal', 'Met'], rows)];

if (results.bundle) {
  const { breakdown: slim, classBreakdown: full } = results.bundle;
  const by = Object.fromEntries(results.bundle.rows.map((r) => [r.id, r]));
  const a = by.a;
  const cell = (groups, name, key) => {
    const g = groups.find((x) => x.group === name);
    return g?.[key] === undefined ? '—' : kB(g[key]);
  };
  const names = [...new Set([...slim.groups, ...full.groups].filter((g) => g.minified > 0).map((g) => g.group))];
  const ky = slim.groups.find((g) => g.group === 'ky')?.gzipMarginal ?? 0;
  const room = (id) =>
    `${by[id].name.split(' ')[0]} ${kB(by[id].goal)} − ky ${kB(ky)} leaves ${kB(by[id].goal - ky)} for the rest, which takes ${kB(by[id].gzip - ky)}`;
  parts.push(
    '',
    `### Where bundle (a)'s ${kB(a.gzip)} go (and the class path's ${kB(by["a'"].gzip)})`,
    '',
    "Minified bytes per package from esbuild's metafile; gzip bytes are marginal (the bundle minus the bundle without that package), so they need not add up.",
    '',
    table(
      ['Part', '(a) minified', '(a) gzip (marginal)', '(a′) minified', '(a′) gzip (marginal)'],
      names.map((name) => [
        name,
        cell(slim.groups, name, 'minified'),
        cell(slim.groups, name, 'gzipMarginal'),
        cell(full.groups, name, 'minified'),
        cell(full.groups, name, 'gzipMarginal'),
      ]),
    ),
    '',
    `Against the goals: ${room('a')}; ${room("a'")}.`,
    '',
    `Largest of our modules in (a) (minified, bundled from core's source): ${slim.coreModules
      .slice(0, 8)
      .map((m) => `${m.module} ${kB(m.bytes)}`)
      .join(', ')}.`,
  );
}

const load1 = loadavg()[0];
parts.push(
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${availableParallelism()} CPUs, load average ${load0.toFixed(1)} → ${load1.toFixed(1)}, ` +
    `in ${Math.round((Date.now() - started) / 1000)} s. kB = 1,000 bytes. Bundles: esbuild ${results.bundle ? (await import('esbuild')).version : ''}, minified, ESM, browser, es2022, gzip -9.`,
);
const markdown = `${parts.join('\n')}\n`;
process.stdout.write(`\n${markdown}`);
if (only.length === SECTIONS.length) {
  writeFileSync(join(BENCH, 'results.md'), markdown);
  progress('written to bench/results.md');
}
if (Object.keys(errors).length) process.exitCode = 1;
