// Chromium driver (run by Node): Debian's chromium (never a downloaded browser), driven by
// playwright-core. host.mjs serves the page, the scenario, the packed packages' dist/ files and
// ky / valibot from the scratch project, plus simulators and a token proxy on the same origin.
import { readFile } from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { SCRATCH, chromiumPath, failure, report } from './lib.mjs';

const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

let result;
let host;
let browser;
const pageErrors = [];
try {
  // Bare names → files, as Node resolves them from the scratch project.
  const { resolveFromScratch } = await import(pathToFileURL(join(SCRATCH, 'resolve.mjs')).href);
  const imports = {};
  for (const name of ['@skyvern-edge/core', '@skyvern-edge/testing', 'ky', 'valibot']) {
    const file = resolveFromScratch(name);
    imports[name] = `/${relative(SCRATCH, file).split(sep).join('/')}`;
  }
  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>skyvern-edge runtime matrix</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module" src="/browser.mjs"></script>
</head><body>runtime matrix</body></html>`;
  const files = async (path) => {
    if (path === '/' || path === '/index.html') return { body: page, type: TYPES['.html'] };
    const file = normalize(join(SCRATCH, path));
    const inside = relative(SCRATCH, file);
    const allowed = /^[\w.-]+\.mjs$/.test(inside) || inside.startsWith(`node_modules${sep}`);
    if (!allowed || inside.startsWith('..')) return undefined;
    const ext = /\.[a-z]+$/.exec(file)?.[0] ?? '';
    return readFile(file).then(
      (body) => ({ body, type: TYPES[ext] ?? 'application/octet-stream' }),
      () => undefined,
    );
  };
  const { startHost } = await import(pathToFileURL(join(SCRATCH, 'host.mjs')).href);
  host = await startHost({ files });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    timeout: 30_000,
  });
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    else console.error(message.text());
  });
  tab.on('requestfailed', (request) =>
    pageErrors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  await tab.goto(`${host.url}/`);
  await tab
    .waitForFunction(() => window.__scenario !== undefined, null, { timeout: 15_000 })
    .catch(() => {
      throw new Error(`the page never started the scenario. ${pageErrors.join(' | ') || 'no page error'}`);
    });
  result = await tab.evaluate(() => window.__scenario);
  result.version = `chromium ${browser.version()}`;
  if (!result.ok && pageErrors.length)
    result.steps.push({
      leg: 'page',
      name: 'errors in the page',
      ok: false,
      error: pageErrors.slice(0, 3).join(' | '),
    });
} catch (error) {
  result = failure('chromium', 'load', 'launch Chromium and load the page', error);
} finally {
  await browser?.close().catch(() => {});
  await host?.close().catch(() => {});
}
report(result);
process.exit(result.ok ? 0 : 1);
