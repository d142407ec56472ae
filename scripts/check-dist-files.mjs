#!/usr/bin/env node
// Cold-start budget (issue 18): Node's ESM loader pays per file, so each entry of @skyvern-edge/core
// must load at most MAX_FILES files of its own dist (the entry and its shared chunks). A timed test
// would be noise on a shared machine; this count is what made the difference (~60 files before,
// +96 ms on a quiet machine). `pnpm bench` prints the time itself.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_FILES = 3;
const dist = join(dirname(fileURLToPath(import.meta.url)), '../packages/core/dist');
const entries = ['index.js', 'proxy.js', 'proxy-node.js'];
let failed = false;
for (const entry of entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports and re-exports of relative files; packages (ky, valibot) are the app's.
    for (const [, spec] of code.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"](\.[^'"]+)['"]/g))
      visit(resolve(dirname(file), spec));
  };
  visit(join(dist, entry));
  const ok = seen.size <= MAX_FILES;
  failed ||= !ok;
  console.log(`${ok ? '✓' : '✗'} ${entry} loads ${seen.size} file(s) of core's dist (at most ${MAX_FILES})`);
}
if (failed) process.exit(1);
