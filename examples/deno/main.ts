// Deno: starts a Skyvern task, waits for it and prints the result.
//
//   SKYVERN_API_KEY=sk-... deno run --allow-net --allow-env main.ts ["your prompt"]
//
// In this workspace `@skyvern-edge/core` comes from node_modules (package.json + deno.json
// "nodeModulesDir": "manual", no network needed); in your own project use
// `deno add npm:@skyvern-edge/core` (or jsr:@skyvern-edge/core once published there).
import { Skyvern, SkyvernError, type TaskRunResponse } from '@skyvern-edge/core';

const prompt = Deno.args[0] ?? 'Find the title of the top story on Hacker News';

try {
  // Reads SKYVERN_API_KEY and SKYVERN_BASE_URL (needs --allow-env).
  const skyvern = new Skyvern();
  console.log(`› starting a task: ${prompt}`);
  const run: TaskRunResponse = await skyvern.runTask(
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
    Deno.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof SkyvernError)) throw error;
  console.error(`✗ ${error.name}: ${error.message}`);
  Deno.exitCode = 1;
}
