#!/usr/bin/env node
// Starts a Skyvern task and shows it live: a status line that follows the run
// (queued → running, with steps → completed), then the output and the run's link.
// Without SKYVERN_API_KEY it runs against the simulator, served over HTTP by
// this same process; with a key, against Skyvern Cloud, unchanged.
// Ctrl-C cancels the run on the server and exits cleanly.
import { Skyvern, UserAbortError, SkyvernError } from '@skyvern-edge/core';

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const prompt = flag('prompt') ?? 'Find the title of the top story on Hacker News and its points';
const url = flag('url') ?? 'https://news.ycombinator.com';

const live = Boolean(process.env.SKYVERN_API_KEY);
let server;
let sim;
let client;
if (live) {
  client = new Skyvern(); // SKYVERN_API_KEY (and SKYVERN_BASE_URL, if set)
} else {
  const { createSimulator } = await import('@skyvern-edge/testing');
  const { serve } = await import('@skyvern-edge/testing/server');
  const speed = Number(flag('speed') ?? 1);
  sim = createSimulator({
    runTimeline: {
      queuedAfterMs: 700 / speed,
      runningAfterMs: 2_000 / speed,
      durationMs: 9_000 / speed,
      stepEveryMs: 1_300 / speed,
    },
  });
  server = await serve(sim);
  client = new Skyvern({ apiKey: sim.apiKey, baseUrl: server.url });
}

const tty = process.stdout.isTTY;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
let lastLine = '';
function show(run) {
  const steps = run.step_count != null ? ` · step ${run.step_count}` : '';
  const line = `${run.status.padEnd(9)}${steps}`;
  if (tty) process.stdout.write(`\r\x1b[2K  ${line}  ${elapsed()}`);
  else if (line !== lastLine) console.log(`  ${line}  ${elapsed()}`);
  lastLine = line;
}

const controller = new AbortController();
let runId;
process.once('SIGINT', () => controller.abort(new Error('interrupted')));

console.log(
  `Skyvern demo — ${live ? `Skyvern Cloud (${client.baseUrl})` : `local simulator at ${server.url} (set SKYVERN_API_KEY for the real thing)`}`,
);
console.log(`  prompt: ${prompt}\n  url:    ${url}\n`);
let exitCode = 0;
try {
  const created = await client.runTask({ prompt, url }, { signal: controller.signal });
  runId = created.run_id;
  console.log(`  run ${runId} started`);
  const ticker = tty
    ? setInterval(() => lastLine && process.stdout.write(`\r\x1b[2K  ${lastLine}  ${elapsed()}`), 100)
    : undefined;
  let run;
  try {
    show(created);
    run = await client.waitForRun(runId, { signal: controller.signal, onUpdate: show, timeout: 20 * 60_000 });
  } finally {
    clearInterval(ticker);
    if (tty) process.stdout.write('\n');
  }
  console.log(
    `\n  ${run.status === 'completed' ? '✓' : '✗'} ${run.status} in ${elapsed()}${run.step_count != null ? ` after ${run.step_count} steps` : ''}`,
  );
  if (run.output != null) console.log(`  output: ${JSON.stringify(run.output, null, 2).replace(/\n/g, '\n  ')}`);
  if (run.failure_reason) console.log(`  reason: ${run.failure_reason}`);
  if (run.app_url) console.log(`  app:    ${run.app_url}`);
  exitCode = run.status === 'completed' ? 0 : 1;
} catch (error) {
  if (error instanceof UserAbortError) {
    if (runId) {
      const canceled = await client
        .cancelRun(runId)
        .then(() => client.getRun(runId))
        .catch(() => undefined);
      console.log(`\n  interrupted: run ${runId} ${canceled ? `is now ${canceled.status}` : 'could not be canceled'}`);
    } else {
      console.log('\n  interrupted before the run started');
    }
    exitCode = 130;
  } else if (error instanceof SkyvernError) {
    console.error(`\n  ${error.name}: ${error.message}`);
    exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await server?.close();
  sim?.close();
}
process.exitCode = exitCode;
