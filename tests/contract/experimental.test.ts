// The x-hidden policy (issue 16 item 2): every operation the spec marks x-hidden is typed and callable,
// tagged @experimental on its descriptor and its method, and listed apart in the README, unless
// scripts/operation-config.mjs keeps it stable with a reason.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stableDespiteHidden } from '../../scripts/operation-config.mjs';
import { Skyvern } from '../../packages/core/src/index.js';
import { specCalls, spec } from './spec-samples.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const operations = read('packages/core/src/generated/operations.ts');
const apiDir = 'packages/core/src/api/';
// The methods: the generated functions and the few written by hand.
const api = [
  read('packages/core/src/generated/functions.ts'),
  ...readdirSync(new URL(`../../${apiDir}`, import.meta.url)).map((f) => read(apiDir + f)),
].join('\n');
const readme = read('README.md');
const experimentalSection = readme.slice(
  readme.indexOf('### Experimental (x-hidden'),
  readme.indexOf('<!-- api-table:end -->'),
);

const hidden = new Set<string>();
for (const item of Object.values<Record<string, any>>(spec.paths))
  for (const op of Object.values<any>(item)) if (op?.['x-hidden']) hidden.add(op.operationId);

const docOf = (source: string, declaration: RegExp) => {
  const at = source.search(declaration);
  expect(at, String(declaration)).toBeGreaterThan(0);
  return source.slice(source.lastIndexOf('/**', at), at);
};

describe('x-hidden operations', () => {
  const calls = specCalls();
  it('the spec hides 35 operations; 4 stay stable, each with a reason', () => {
    expect(hidden.size).toBe(35);
    for (const [id, reason] of Object.entries(stableDespiteHidden)) {
      expect(hidden.has(id), id).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  for (const call of calls) {
    const experimental = hidden.has(call.operationId) && !(call.operationId in stableDespiteHidden);
    it(`${call.name} is ${experimental ? 'experimental' : 'stable'}`, () => {
      expect(typeof (Skyvern.prototype as unknown as Record<string, unknown>)[call.name]).toBe('function');
      const descriptorDoc = docOf(operations, new RegExp(`export const ${call.name}: Descriptor`));
      const methodDoc = docOf(api, new RegExp(`export function ${call.name}\\(`));
      expect(descriptorDoc.includes('@experimental')).toBe(experimental);
      expect(methodDoc.includes('@experimental')).toBe(experimental);
      expect(experimentalSection.includes(`| \`${call.name}\` |`)).toBe(experimental);
    });
  }
});
