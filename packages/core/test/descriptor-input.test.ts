// A descriptor written by hand may carry a valibot schema (`input`): request() runs it before anything
// is sent, through the schema's own Standard Schema entry point.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { type OperationDescriptor, ValidationError } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

const createThing: OperationDescriptor = {
  name: 'createThing',
  method: 'POST',
  path: '/v1/things',
  body: 'json',
  input: v.object({ name: v.pipe(v.string(), v.minLength(2, 'must be at least 2 characters')), size: v.number() }),
};

describe('a hand-written descriptor with an input schema', () => {
  it('a valid request object is sent as the body', async () => {
    const { fetch, calls } = stubFetch(json({ ok: true }));
    await expect(makeClient(fetch).request(createThing, [], { name: 'ab', size: 3 })).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toEqual({ name: 'ab', size: 3 });
  });

  it('the first bad field is a ValidationError naming it, with its kind and not its value; nothing is sent', async () => {
    const { fetch, calls } = stubFetch(json({ ok: true }));
    const error = await makeClient(fetch)
      .request(createThing, [], { name: 'a', size: 'big' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      field: 'name',
      message: 'createThing: name must be at least 2 characters (received string)',
    });
    expect(calls).toHaveLength(0);
  });

  it('a missing field is "is required"', async () => {
    const { fetch, calls } = stubFetch(json({ ok: true }));
    await expect(makeClient(fetch).request(createThing, [], { name: 'abc' })).rejects.toMatchObject({
      field: 'size',
      message: 'createThing: size is required',
    });
    expect(calls).toHaveLength(0);
  });
});
