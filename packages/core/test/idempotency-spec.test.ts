// Issue 16 item 3: which operations send an Idempotency-Key, and its format, come from the spec.
import { describe, expect, it } from 'vitest';
import * as descriptors from '../src/generated/operations.js';
import type { OperationDescriptor } from '../src/internal/operation.js';
import { specCalls } from '../../../tests/contract/spec-samples.js';
import { spec } from '../../../tests/contract/spec-samples.js';
import { ValidationError } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

const declared = new Set<string>();
for (const [path, item] of Object.entries<Record<string, any>>(spec.paths))
  for (const [method, op] of Object.entries<any>(item))
    if (op?.parameters?.some((p: any) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
      declared.add(`${method.toUpperCase()} ${path}`);

describe('Idempotency-Key from the spec', () => {
  it('exactly the operations that declare the header send a key (POST /v1/agents today)', () => {
    expect([...declared]).toEqual(['POST /v1/agents']);
    for (const call of specCalls()) {
      const d = call.descriptor as OperationDescriptor;
      expect(Boolean(d.idempotencyKey), call.name).toBe(declared.has(`${call.method} ${call.pathTemplate}`));
      // The SDK sends the key itself: it is not a field of the request object.
      expect(d.headers?.some(([, header]) => header.toLowerCase() === 'idempotency-key') ?? false).toBe(false);
    }
    expect((descriptors.createWorkflow as OperationDescriptor).idempotent).not.toBe(false);
  });

  const body = { json_definition: { title: 't', workflow_definition: { parameters: [], blocks: [] } } };
  it.each([
    ['empty', ''],
    ['a space', 'my key'],
    ['256 characters', 'k'.repeat(256)],
    ['a non-ASCII character', 'clé-1'],
    ['a tab', 'a\tb'],
  ])('a caller key with %s is refused before sending, not echoed', async (_, key) => {
    const { fetch, calls } = stubFetch(async () => json({ workflow_permanent_id: 'wpid_1' }));
    const error = await makeClient(fetch)
      .createWorkflow(body, { headers: { 'Idempotency-Key': key } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'headers.Idempotency-Key' });
    expect((error as Error).message).toMatch(/1 to 255 visible ASCII/);
    if (key.length > 2) expect((error as Error).message).not.toContain(key);
    expect(calls).toHaveLength(0);
  });

  it('a key of 255 visible ASCII characters is sent as given; without one a UUID is sent', async () => {
    const { fetch, calls } = stubFetch(async () => json({ workflow_permanent_id: 'wpid_1' }));
    const client = makeClient(fetch);
    const key = '!~'.repeat(127) + 'k';
    await client.createWorkflow(body, { headers: { 'Idempotency-Key': key } });
    await client.createWorkflow(body);
    expect(calls[0]!.headers.get('idempotency-key')).toBe(key);
    expect(calls[1]!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
