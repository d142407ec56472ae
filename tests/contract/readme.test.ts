import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationList } from '../../packages/core/src/generated/operations.js';
import { Skyvern } from '../../packages/core/src/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('<!-- api-table:start -->'), readme.indexOf('<!-- api-table:end -->'));
const rows = [...table.matchAll(/^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|/gm)].map((m) => ({
  name: m[1]!,
  http: m[2]!.trim(),
  policy: m[3]!.trim(),
}));
const methods = Object.getOwnPropertyNames(Skyvern.prototype).filter((name) => name !== 'constructor');

describe('README API table', () => {
  it('lists every method of the client, and only those', () => {
    const listed = new Set(rows.map((r) => r.name));
    const iterators = methods.filter((m) => m.startsWith('iter'));
    expect(methods.filter((m) => !listed.has(m) && !iterators.includes(m))).toEqual([]);
    expect([...listed].filter((name) => !methods.includes(name))).toEqual([]);
    // Iterators are named in the notes of their list operation.
    for (const it of iterators) expect(table, it).toContain(`\`${it}\``);
  });

  it('gives each spec operation its method, path and retry policy', () => {
    expect(operationList).toHaveLength(87);
    for (const { name, method, path, idempotent: retried } of operationList) {
      const idempotent = retried !== false;
      const row = rows.find((r) => r.name === name);
      expect(row, name).toBeDefined();
      expect(row!.http).toBe(`${method} \`${path}\``);
      // A POST that acts once creates something; a PATCH or DELETE that acts once is named so.
      const once = method === 'POST' ? 'creates' : 'acts once';
      expect(row!.policy.startsWith(idempotent ? 'safe' : once), name).toBe(true);
    }
  });
});
