// workerd entry: bundled by esbuild (with the packed packages from the scratch project) into one
// ESM Worker script, run by miniflare. The simulator lives in the Worker (injected fetch); with a
// HOST_URL binding the scenario also reaches a simulator hosted by Node over loopback HTTP.
import * as core from '@skyvern-edge/core';
import * as testing from '@skyvern-edge/testing';
import { scenario } from './scenario.mjs';
import { loadFailure } from './load-failure.mjs';

export default {
  async fetch(_request, env) {
    const lines = [];
    let result;
    try {
      result = await scenario({
        runtime: 'workerd',
        core,
        testing,
        remote: env.HOST_URL ? { url: env.HOST_URL, keyless: false } : undefined,
        log: (line) => lines.push(line),
      });
      result.version = `workerd (${navigator.userAgent})`;
      result.globals = ['Buffer', 'process', 'global', 'setImmediate'].filter((name) => name in globalThis);
    } catch (error) {
      result = loadFailure('workerd', error);
    }
    result.log = lines;
    return Response.json(result);
  },
};
