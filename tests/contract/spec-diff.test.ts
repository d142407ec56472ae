import { describe, expect, it } from 'vitest';
import { specDiff } from '../../scripts/spec-diff.mjs';

const op = (id: string, extra: Record<string, unknown> = {}) => ({ operationId: id, responses: { 200: {} }, ...extra });
const before = {
  info: { version: '1' },
  paths: { '/a': { get: op('get_a'), delete: op('delete_a') } },
  components: {
    schemas: {
      Engine: { type: 'string', enum: ['v1', 'v2'] },
      Upload: { type: 'object', properties: { file: {} }, required: ['file'] },
      Gone: { type: 'object' },
    },
  },
};
const after = {
  info: { version: '2' },
  paths: {
    '/a': {
      get: op('get_a', {
        parameters: [{ name: 'tags', in: 'query' }],
        responses: { 200: {}, 409: {} },
        'x-hidden': true,
      }),
    },
    '/b': { post: op('create_b') },
  },
  components: {
    schemas: {
      Engine: { type: 'string', enum: ['v1', 'v2', 'v3'] },
      Upload: { type: 'object', properties: { file: {}, retention_days: {} }, required: ['file'] },
      New: { type: 'object' },
    },
  },
};

describe('pnpm generate --diff OLD NEW', () => {
  const report = specDiff(before, after);
  it('lists operations added, removed and changed', () => {
    expect(report).toContain('Operations 2 → 2');
    expect(report).toMatch(/## Operations added\n- POST \/b \(`create_b`\)/);
    expect(report).toMatch(/## Operations removed\n- DELETE \/a \(`delete_a`\)/);
    expect(report).toContain('- GET /a: parameters added: `query:tags`; statuses added: `409`; now x-hidden');
  });
  it('lists schemas and their fields and enum values', () => {
    expect(report).toMatch(/## Schemas added\n- `New`/);
    expect(report).toMatch(/## Schemas removed\n- `Gone`/);
    expect(report).toContain('- `Engine`: enum values added: `v3`');
    expect(report).toContain('- `Upload`: fields added: `retention_days`');
  });
});
