import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Expect, WireRequest } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Value imports only (`import type` costs nothing at run time), as paths relative to src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!);
  return found.map((spec) => relative(src, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
}

function cycles(): string[][] {
  const graph = new Map(files(src).map((f) => [relative(src, f), importsOf(f)]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      found.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('imports run one way', () => {
  it('no import cycle in packages/core/src (api/runs.ts → wait/* → api/runs.ts is gone)', () => {
    const all = cycles();
    expect(all.filter((c) => c.includes('api/runs.ts'))).toEqual([]);
    expect(all).toEqual([]);
  });

  it('WireRequest and Expect, which sendRaw takes, are exported', async () => {
    const wire: WireRequest = { op: { name: 'getVersion', method: 'GET' }, path: '/v1/version' };
    const expectJson: Expect = { as: 'json' };
    const { fetch, calls } = stubFetch(json({ version: '1' }));
    await expect(makeClient(fetch).sendRaw(wire, {}, expectJson)).resolves.toEqual({ version: '1' });
    expect(calls[0]!.url.pathname).toBe('/v1/version');
  });
});
