import { describe, expect, it } from 'vitest';
import { operationList } from '../src/generated/operations.js';
import { ValidationError } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

const withPathParams = operationList.filter((op) => /\{\w+\}/.test(op.path));

describe('path parameters stay inside their segment', () => {
  it('covers the operations that have path parameters', () => {
    expect(withPathParams.length).toBeGreaterThan(40);
  });

  for (const op of withPathParams) {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    it(`${op.name} (${op.method} ${op.path}) refuses '', '.' and '..' for ${names.join(', ')}`, async () => {
      const { fetch, calls } = stubFetch(async () => json({}));
      const client = makeClient(fetch);
      for (const [position, name] of names.entries()) {
        for (const bad of ['', '.', '..']) {
          const args = names.map((_, i) => (i === position ? bad : 'id_1'));
          const attempt = client.request(op, args, undefined);
          await expect(attempt, `${name}=${JSON.stringify(bad)}`).rejects.toBeInstanceOf(ValidationError);
          await expect(client.request(op, args, undefined)).rejects.toThrow(new RegExp(`\\b${name}\\b`));
        }
      }
      expect(calls).toHaveLength(0);
    });
  }

  it('the reproductions from the issue send nothing', async () => {
    const { fetch, calls } = stubFetch(async () => json({}));
    const client = makeClient(fetch);
    await expect(client.cancelRun('.')).rejects.toThrow(/run_id.*not the path segment '\.'/);
    await expect(client.getRun('..')).rejects.toThrow(/run_id.*not the path segment '\.\.'/);
    expect(calls).toHaveLength(0);
  });

  it('ids that merely contain dots are sent, encoded, in their segment', async () => {
    const { fetch, calls } = stubFetch(async () => json({ run_id: 'a', status: 'completed', run_type: 'task_v2' }));
    const client = makeClient(fetch);
    await client.getRun('...').catch(() => undefined);
    await client.getRun('../x').catch(() => undefined);
    expect(calls.map((c) => c.url.pathname)).toEqual(['/v1/runs/...', '/v1/runs/..%2Fx']);
  });
});
