// Bun: starts a Skyvern task, waits for it and prints the result.
//
//   SKYVERN_API_KEY=sk-... bun main.ts ["your prompt"]
import { Skyvern, SkyvernError, type TaskRunResponse } from '@skyvern-edge/core';

const prompt = Bun.argv[2] ?? 'Find the title of the top story on Hacker News';

try {
  const skyvern = new Skyvern({ apiKey: Bun.env.SKYVERN_API_KEY, baseUrl: Bun.env.SKYVERN_BASE_URL });
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
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof SkyvernError)) throw error;
  console.error(`✗ ${error.name}: ${error.message}`);
  process.exitCode = 1;
}
