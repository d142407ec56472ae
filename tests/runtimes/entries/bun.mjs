// Bun entry, run in the scratch project (packed tarballs in node_modules): injected and over Bun.serve.
import { RESULT_MARKER, scenario } from './scenario.mjs';
import { loadFailure } from './load-failure.mjs';

const runtime = process.env.SCENARIO_RUNTIME || 'bun';
let result;
try {
  const core = await import('@skyvern-edge/core');
  const testing = await import('@skyvern-edge/testing');
  result = await scenario({
    runtime,
    core,
    testing,
    serve: async (sim) => {
      const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => sim.handle(request) });
      return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
    },
    log: (line) => console.error(line),
  });
  result.loadedFrom = import.meta.resolve('@skyvern-edge/core');
  result.version = `bun ${Bun.version}`;
} catch (error) {
  result = loadFailure(runtime, error);
}
console.log(RESULT_MARKER + JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
