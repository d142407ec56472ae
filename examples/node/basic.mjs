#!/usr/bin/env node
// Starts a Skyvern task, waits for it and prints the result.
//
//   SKYVERN_API_KEY=sk-... node basic.mjs ["your prompt"]
//
// SKYVERN_BASE_URL points it elsewhere (a self-hosted Skyvern, or the simulator of
// @skyvern-edge/testing served over HTTP, which is how tests/runtimes runs this file).
import { Skyvern, SkyvernError } from '@skyvern-edge/core';

const prompt = process.argv[2] ?? 'Find the title of the top story on Hacker News';

try {
  const skyvern = new Skyvern(); // reads SKYVERN_API_KEY and SKYVERN_BASE_URL
  console.log(`› starting a task: ${prompt}`);
  const run = await skyvern.runTask(
    { prompt, url: 'https://news.ycombinator.com' },
    {
      waitForCompletion: true,
      timeout: 10 * 60_000,
      onUpdate: (r) => console.log(`  ${r.status}${r.step_count ? ` (step ${r.step_count})` : ''}`),
    },
  );
  if (run.status === 'completed') {
    console.log(`✓ ${run.run_id} completed`);
    console.log(JSON.stringify(run.output, null, 2));
  } else {
    console.log(`✗ ${run.run_id} ended ${run.status}: ${run.failure_reason ?? 'no reason given'}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof SkyvernError)) throw error;
  console.error(`✗ ${error.name}: ${error.message}`);
  process.exitCode = 1;
}
