// The simulator (src/index.ts and everything it imports) must run in workerd, Deno, Bun and
// browsers: no Node built-ins or globals. Only src/server.ts may use them.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('no Node dependency outside src/server.ts', () => {
  const offenders: string[] = [];
  for (const file of files(src)) {
    const rel = relative(src, file);
    if (rel === 'server.ts') continue;
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const [pattern, what] of [
      [/from\s+['"]node:/, 'node: import'],
      [/from\s+['"](fs|path|http|https|net|stream|crypto|url|buffer|util|events)['"]/, 'bare Node built-in import'],
      [/\brequire\s*\(/, 'require()'],
      [/\bBuffer\b/, 'Buffer'],
      [/\bprocess\./, 'process'],
      [/\b__dirname\b|\b__filename\b/, '__dirname'],
      [/\bsetImmediate\b/, 'setImmediate'],
    ] as const) {
      if (pattern.test(code)) offenders.push(`${rel}: ${what}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('the server adapter is not reachable from the neutral entry', () => {
  const index = readFileSync(join(src, 'index.ts'), 'utf8');
  expect(index).not.toMatch(/from\s+['"]\.\/server/);
});

test('src/generated/body-rules.ts matches the spec (node scripts/gen-table.mjs --check)', () => {
  const script = fileURLToPath(new URL('../scripts/gen-table.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(out).toMatch(/up to date \(87 operations\)/);
});
