import { describe, expect, it } from 'vitest';
import { Skyvern } from '../../packages/core/src/index.js';
import { sample, specCalls, specValidator } from './spec-samples.js';

const KEY = 'sk-contract-key';
const validate = specValidator();

function recordingClient(answer: (status: number) => Response) {
  const seen: Request[] = [];
  const client = new Skyvern({
    apiKey: KEY,
    baseUrl: 'http://spec.test',
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return answer(200);
    },
  });
  return { client, seen };
}

describe('every operation of the spec', () => {
  const calls = specCalls();

  it('covers all 87 operations with a client method', () => {
    expect(calls).toHaveLength(87);
    const missing = calls.filter((c) => {
      return typeof (Skyvern.prototype as unknown as Record<string, unknown>)[c.name] !== 'function';
    });
    expect(missing.map((c) => c.operationId)).toEqual([]);
  });

  for (const call of calls) {
    const { name } = call;
    it(`${name}: ${call.method} ${call.pathTemplate}`, async () => {
      const response = () =>
        call.successStatus === 204
          ? new Response(null, { status: 204 })
          : new Response(JSON.stringify(sample(call.successSchema) ?? {}), {
              status: call.successStatus,
              headers: { 'content-type': 'application/json' },
            });
      const { client, seen } = recordingClient(response);
      const method = (client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
      const args: unknown[] = [...call.pathArgs];
      if (name === 'uploadFile') args.push(new Uint8Array([1, 2, 3]));
      else if (call.params !== undefined) args.push(call.params);
      await method.apply(client, args);

      expect(seen).toHaveLength(1);
      const request = seen[0]!;
      const url = new URL(request.url);
      expect(request.method).toBe(call.method);
      expect(url.pathname).toBe(call.expectedPath);
      expect(request.headers.get('x-api-key')).toBe(KEY);
      for (const q of call.requiredQuery) expect(url.searchParams.has(q), `query ${q}`).toBe(true);
      if (name === 'uploadFile') {
        const form = await request.formData();
        expect(form.get('file')).toBeInstanceOf(Blob);
      } else if (call.bodySchema && (call.params !== undefined || call.bodyRequired)) {
        expect(request.headers.get('content-type')).toMatch(/application\/json/);
        const body = await request.json();
        expect(validate(call.bodySchema, body)).toBeUndefined();
      } else {
        // Optional bodies are left out when the caller gave nothing.
        expect(await request.text()).toBe('');
      }
    });
  }
});
