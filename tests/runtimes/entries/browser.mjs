// Chromium entry: a page loads the ESM build file by file (an import map points the bare names at
// the packed packages' dist/ and at ky / valibot, served by host.mjs), then runs the scenario with
// the simulator injected (dangerouslyAllowBrowser) and keyless through the token proxy.
import { scenario } from './scenario.mjs';
import { loadFailure } from './load-failure.mjs';

window.__scenario = (async () => {
  try {
    const core = await import('@skyvern-edge/core');
    const testing = await import('@skyvern-edge/testing');
    const result = await scenario({
      runtime: 'chromium',
      core,
      testing,
      browser: true,
      remote: { url: location.origin, keyless: true },
      log: (line) => console.log(line),
    });
    result.version = navigator.userAgent;
    return result;
  } catch (error) {
    return loadFailure('chromium', error);
  }
})();
