#!/usr/bin/env node
// Fails when a package that must run on Workers, Deno, Bun and browsers uses
// Node-only APIs: a `node:` import, `require`, or a bare `process` / `Buffer`
// (reaching them through globalThis behind a check is fine).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const roots = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['packages/core/src', 'packages/testing/src', 'packages/react/src', 'packages/cloudflare/src'];
const rules = [
  [/\bfrom\s+['"]node:|\bimport\s*\(\s*['"]node:|\bimport\s+['"]node:/, 'imports a node: module'],
  [/(?<![.\w$])require\s*\(/, 'calls require()'],
  [/(?<![.\w$'"])process\s*[.[]/, 'uses process without a guard'],
  [/(?<![.\w$'"])Buffer\b/, 'uses Buffer'],
  [/(?<![.\w$'"])__dirname\b|(?<![.\w$'"])__filename\b/, 'uses __dirname/__filename'],
];
// Node-only modules that ship behind their own entry and say so in their name.
const allowed = new Set(['packages/testing/src/server.ts', 'packages/core/src/proxy/node.ts']);
// The fetch↔Node bridge of `@skyvern-edge/core/proxy/node`: only an allowed module may import it.
rules.push([
  /\bimport\s+['"]@hono\/node-server|\bfrom\s+['"]@hono\/node-server|\bimport\s*\(\s*['"]@hono\/node-server/,
  'imports the Node bridge',
]);
// Entries that every runtime loads: no module they reach, however indirectly, may be a Node-only one.
const edgeEntries = ['packages/core/src/index.ts', 'packages/core/src/proxy.ts'];

const stripComments = (code) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });

let problems = 0;
let checked = 0;
for (const root of roots) {
  let list;
  try {
    list = files(root);
  } catch {
    continue;
  }
  for (const file of list) {
    const rel = relative(process.cwd(), file);
    if (allowed.has(rel)) continue;
    checked++;
    stripComments(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        for (const [pattern, what] of rules) {
          if (pattern.test(line)) {
            problems++;
            console.error(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
          }
        }
      });
  }
}
// Relative imports, followed from each edge entry (a `.js` specifier names its `.ts` source).
for (const entry of edgeEntries) {
  const seen = new Set();
  const walk = (file, via) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (allowed.has(file)) {
      problems++;
      console.error(`${entry}: reaches the Node-only ${file} (via ${via.join(' → ')})`);
      return;
    }
    let code;
    try {
      code = stripComments(readFileSync(file, 'utf8'));
    } catch {
      return;
    }
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      walk(relative(process.cwd(), join(dirname(file), spec.replace(/\.js$/, '.ts'))), [...via, file]);
    }
  };
  walk(entry, []);
}
if (problems) {
  console.error(`edge-safe check: ${problems} Node-only use(s) in code that must run on every runtime`);
  process.exit(1);
}
console.log(`edge-safe check: ${checked} files, no Node-only APIs`);
