// JSR: packages/core/jsr.json must describe the package (name and version as in package.json,
// exports = the TypeScript entries), and Deno must type-check those entries and simulate the
// publish, offline: ky and valibot resolve through packages/core's node_modules (package.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, denoBinary, failure, report } from './lib.mjs';

const dir = join(ROOT, 'packages', 'core');
const steps = [];
const started = performance.now();
const step = (name, fn) => {
  const t0 = performance.now();
  try {
    const detail = fn();
    steps.push({ leg: 'jsr', name, ok: true, ms: Math.round(performance.now() - t0), detail });
  } catch (error) {
    steps.push({
      leg: 'jsr',
      name,
      ok: false,
      ms: Math.round(performance.now() - t0),
      error: String(error?.message ?? error).slice(0, 1500),
    });
  }
};
const check = (condition, message) => {
  if (!condition) throw new Error(message);
};
const deno = denoBinary();
const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
const denoRun = (args) => spawnSync(deno, args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });

try {
  check(deno, 'no deno binary (pnpm install in tests/)');
  const jsr = JSON.parse(readFileSync(join(dir, 'jsr.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  step('jsr.json matches package.json', () => {
    check(jsr.name === pkg.name, `name ${jsr.name} ≠ ${pkg.name}`);
    check(jsr.version === pkg.version, `version ${jsr.version} ≠ ${pkg.version}`);
    const npmEntries = Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .sort();
    check(
      JSON.stringify(Object.keys(jsr.exports).sort()) === JSON.stringify(npmEntries),
      `exports ${Object.keys(jsr.exports)} ≠ ${npmEntries}`,
    );
    for (const [key, target] of Object.entries(jsr.exports)) {
      check(
        /^\.\/src\/.+\.ts$/.test(target) && existsSync(join(dir, target)),
        `exports["${key}"] = ${target}: not a TypeScript source`,
      );
    }
    return `${jsr.name}@${jsr.version}: ${Object.values(jsr.exports).join(', ')}`;
  });
  const entries = Object.values(jsr.exports);
  step(`deno check ${entries.join(' ')}`, () => {
    const result = denoRun(['check', '--no-lock', ...entries]);
    check(result.status === 0, `exit ${result.status}: ${(result.stdout + result.stderr).trim().slice(-1500)}`);
    return '';
  });
  step('deno publish --dry-run (no slow types)', () => {
    // Every export has an explicit type, so JSR can serve .d.ts to Node users too:
    // a slow type (an export without one) fails this step.
    // --no-check: the step above type-checked the same entries.
    const result = denoRun(['publish', '--dry-run', '--allow-dirty', '--no-lock', '--no-check']);
    const out = result.stdout + result.stderr;
    check(result.status === 0 && /Dry run complete/.test(out), `exit ${result.status}: ${out.trim().slice(-1500)}`);
    const files = (out.match(/^\s+file:\/\//gm) ?? []).length;
    return `${files} files`;
  });
  report({ runtime: 'jsr', ok: steps.every((s) => s.ok), ms: Math.round(performance.now() - started), steps });
} catch (error) {
  const result = failure('jsr', 'jsr', 'check the JSR package', error);
  result.steps.unshift(...steps);
  report(result);
}
