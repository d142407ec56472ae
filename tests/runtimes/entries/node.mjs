// Node entry: the packed @skyvern-edge/core and @skyvern-edge/testing as installed in the
// scratch project (this file is copied there), the simulator injected and over node:http.
import { RESULT_MARKER, scenario } from './scenario.mjs';
import { loadFailure } from './load-failure.mjs';

const runtime = process.env.SCENARIO_RUNTIME || `node-${process.versions.node.split('.')[0]}`;
let result;
try {
  const core = await import('@skyvern-edge/core');
  const testing = await import('@skyvern-edge/testing');
  const { serve } = await import('@skyvern-edge/testing/server');
  result = await scenario({
    runtime,
    core,
    testing,
    serve: (sim) => serve(sim),
    log: (line) => console.error(line),
  });
  result.loadedFrom = import.meta.resolve('@skyvern-edge/core');
  result.version = process.version;
} catch (error) {
  result = loadFailure(runtime, error);
}
console.log(RESULT_MARKER + JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
