// workerd driver (run by Node): bundles entries/worker.mjs + the scenario + the packed packages
// from the scratch project into one ESM Worker script with esbuild (platform neutral, worker
// conditions, no Node built-ins, no nodejs_compat), runs it in workerd through miniflare, and
// hosts a second simulator in this process for the Worker to reach over loopback HTTP.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import { SCRATCH, bundleWorker, failure, report } from './lib.mjs';

let result;
let host;
let mf;
try {
  const bundle = await bundleWorker(join(SCRATCH, 'worker.mjs'), SCRATCH, join(SCRATCH, 'tsconfig.json')).catch(
    (error) => {
      throw new Error(
        `esbuild could not bundle the Worker: ${error.errors?.map((e) => e.text).join('; ') || error.message}`,
      );
    },
  );
  const script = bundle.outputFiles[0].text;
  const inputs = Object.keys(bundle.metafile.inputs);
  const wrong = inputs.filter((path) => /(^|\/)packages\/[^/]+\/src\//.test(path));
  if (wrong.length || !inputs.some((path) => path.includes('node_modules/@skyvern-edge/core/dist/'))) {
    throw new Error(
      `the Worker bundle must take @skyvern-edge/core from the packed install, not ${wrong[0] ?? 'elsewhere'}`,
    );
  }
  const { startHost } = await import(pathToFileURL(join(SCRATCH, 'host.mjs')).href);
  host = await startHost();
  mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2025-09-01',
    bindings: { HOST_URL: host.url },
  });
  const response = await mf.dispatchFetch('http://worker.test/');
  const text = await response.text();
  try {
    result = JSON.parse(text);
  } catch {
    throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
  }
  for (const line of result.log ?? []) console.error(line);
  delete result.log;
  result.bundleBytes = script.length;
  const fromMiniflare = createRequire(createRequire(import.meta.url).resolve('miniflare'));
  const workerd = JSON.parse(readFileSync(fromMiniflare.resolve('workerd/package.json'), 'utf8')).version;
  if (result.ok) result.version = `workerd ${workerd}, ${Math.round(script.length / 1024)} KiB bundle`;
} catch (error) {
  result = failure('workerd', 'load', 'bundle and start the Worker', error);
} finally {
  await mf?.dispose().catch(() => {});
  await host?.close().catch(() => {});
}
report(result);
process.exit(result.ok ? 0 : 1);
