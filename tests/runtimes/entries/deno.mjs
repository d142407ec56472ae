// Deno entry, run in the scratch project (packed tarballs in node_modules, --node-modules-dir=manual).
// Deno 2 also offers Node's globals (Buffer, process, global, setImmediate…); they are hidden here
// first, so the SDK is held to what a Worker or a browser has: Deno without Node compat.
for (const name of [
  'Buffer',
  'process',
  'global',
  'setImmediate',
  'clearImmediate',
  'require',
  'module',
  '__dirname',
  '__filename',
]) {
  try {
    delete globalThis[name];
  } catch {}
}
const { RESULT_MARKER, scenario } = await import('./scenario.mjs');
const { loadFailure } = await import('./load-failure.mjs');

const runtime = Deno.env.get('SCENARIO_RUNTIME') || 'deno';
let result;
try {
  const core = await import('@skyvern-edge/core');
  const testing = await import('@skyvern-edge/testing');
  const hidden = ['Buffer', 'process', 'global', 'setImmediate'].filter((name) => name in globalThis);
  if (hidden.length) throw new Error(`Node globals still visible: ${hidden.join(', ')}`);
  result = await scenario({
    runtime,
    core,
    testing,
    serve: async (sim) => {
      const controller = new AbortController();
      const server = Deno.serve(
        { hostname: '127.0.0.1', port: 0, signal: controller.signal, onListen() {} },
        (request) => sim.handle(request),
      );
      return {
        url: `http://127.0.0.1:${server.addr.port}`,
        close: async () => {
          controller.abort();
          await server.finished;
        },
      };
    },
    log: (line) => console.error(line),
  });
  result.loadedFrom = import.meta.resolve('@skyvern-edge/core');
  result.version = `deno ${Deno.version.deno}`;
} catch (error) {
  result = loadFailure(runtime, error);
}
console.log(RESULT_MARKER + JSON.stringify(result));
Deno.exit(result.ok ? 0 : 1);
