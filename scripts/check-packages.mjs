#!/usr/bin/env node
// Package hygiene of what we publish: publint --strict and attw (ESM-only
// profile) on the packed tarball, plus the manifest rules publint does not check.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const packages = ['packages/core', 'packages/react', 'packages/testing', 'packages/cloudflare'];
let failed = 0;
for (const dir of packages) {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const problems = [];
  if (manifest.type !== 'module') problems.push('"type" must be "module"');
  if (manifest.sideEffects !== false) problems.push('"sideEffects" must be false');
  if (JSON.stringify(manifest.files) !== '["dist"]') problems.push('"files" must be ["dist"]');
  for (const [path, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'object' && !target.types) problems.push(`exports["${path}"] lacks "types"`);
  }
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (/^(vitest|tsup|typescript|@types\/|happy-dom|@testing-library\/|esbuild|publint|@arethetypeswrong)/.test(dep)) {
      problems.push(`devDependency "${dep}" leaked into dependencies`);
    }
  }
  for (const [cmd, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('npx', [cmd, ...args], { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      problems.push(`${cmd}: ${(error.stdout || '') + (error.stderr || '')}`.trim());
    }
  }
  if (problems.length) {
    failed++;
    console.error(`✗ ${manifest.name}\n  ${problems.join('\n  ')}`);
  } else {
    console.log(`✓ ${manifest.name}: publint --strict, attw (esm-only), manifest rules`);
  }
}
process.exit(failed ? 1 : 0);
