import { operationList } from '../src/generated/operations.js';
import { describe, expect, it } from 'vitest';
import { Skyvern, ValidationError } from '../src/index.js';
import { specCalls } from '../../../tests/contract/spec-samples.js';
import { json, makeClient, run, stubFetch } from './helpers.js';

const calls = specCalls();

function setup() {
  const stub = stubFetch(json(run('created')));
  const client = makeClient(stub.fetch);
  const call = (name: string, ...args: unknown[]) =>
    (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!.apply(client, args);
  return { client, call, requests: stub.calls };
}

async function refused(promise: Promise<unknown>, field: string | RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  if (typeof field === 'string') expect((error as ValidationError).field).toBe(field);
  else expect((error as ValidationError).message).toMatch(field);
  return error as ValidationError;
}

describe('bad input is refused before any request, naming the field', () => {
  for (const c of calls.filter((c) => c.pathArgs.length > 0)) {
    it(`${c.name}: empty, blank and non-string ids`, async () => {
      const { call, requests } = setup();
      const names = [...c.pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const bad of ['', '   ', undefined, 42, null]) {
        const args = c.pathArgs.map((arg, i) => (i === names.length - 1 ? bad : arg));
        const error = await refused(call(c.name, ...args, c.params), names[names.length - 1]!);
        expect(error.message).toContain(`${c.name}:`);
      }
      expect(requests).toHaveLength(0);
    });
  }

  for (const c of calls.filter((c) => c.params !== undefined && c.name !== 'uploadFile')) {
    it(`${c.name}: params that are not an object`, async () => {
      const { call, requests } = setup();
      for (const bad of [null, 'prompt', 7, ['a']]) await refused(call(c.name, ...c.pathArgs, bad), 'params');
      expect(requests).toHaveLength(0);
    });
  }

  it('runTask: missing, empty and wrong-typed fields', async () => {
    const { client, requests } = setup();
    await refused(client.runTask({} as never), 'prompt');
    expect((await refused(client.runTask({} as never), 'prompt')).message).toBe('runTask: prompt is required');
    await refused(client.runTask({ prompt: '' }), 'prompt');
    await refused(client.runTask({ prompt: 5 } as never), 'prompt');
    await refused(client.runTask({ prompt: 'x', max_steps: Number.NaN }), 'max_steps');
    await refused(client.runTask({ prompt: 'x', max_steps: 1.5 }), 'max_steps');
    await refused(client.runTask({ prompt: 'x', url: 'not a url' }), 'url');
    await refused(client.runTask({ prompt: 'x', url: '' }), 'url');
    await refused(client.runTask({ prompt: 'x', webhook_url: 'http://' }), 'webhook_url');
    await refused(client.runTask({ prompt: 'x', publish_workflow: 'yes' } as never), 'publish_workflow');
    await refused(client.runTask({ prompt: 'x', error_code_mapping: 'oops' } as never), 'error_code_mapping');
    expect(requests).toHaveLength(0);
  });

  it('accepts bare hosts and full URLs', async () => {
    const { client, requests } = setup();
    await client.runTask({ prompt: 'x', url: 'example.com', engine: 'skyvern-3.0' });
    await client.runTask({ prompt: 'x', url: 'https://example.com/a?b=c' });
    expect(requests).toHaveLength(2);
  });

  it('browser session timeout: 5–1440 minutes', async () => {
    const { client, requests } = setup();
    await refused(client.createBrowserSession({ timeout: 4 }), /timeout must be >= 5/);
    await refused(client.createBrowserSession({ timeout: 1441 }), /timeout must be <= 1440/);
    await refused(client.createBrowserSession({ timeout: 60.5 }), 'timeout');
    expect(requests).toHaveLength(0);
    await client.createBrowserSession({ timeout: 1440 });
    expect(requests).toHaveLength(1);
  });

  it('query parameters are checked too, and unknown ones are named', async () => {
    const { client, requests } = setup();
    await refused(client.getWorkflows({ page: 0 }), /page must be >= 1/);
    await refused(client.getWorkflows({ page: 'two' } as never), 'page');
    await refused(client.getRun('tsk_1', { nope: 1 } as never), /options|nope/);
    await refused(
      client.getRunArtifacts('tsk_1', { artifact_typ: ['x'] } as never),
      /artifact_typ is not a parameter of getRunArtifacts/,
    );
    expect(requests).toHaveLength(0);
  });

  it('per-call options are checked', async () => {
    const { client, requests } = setup();
    await refused(
      client.downloadFiles({ navigation_goal: 'x' }, { waitForCompletion: true } as never),
      'options.waitForCompletion',
    );
    await refused(client.getRun('tsk_1', { signal: 'stop' } as never), 'options.signal');
    await refused(client.getRun('tsk_1', { timeout: -5 }), 'timeout');
    await refused(client.getRun('tsk_1', { maxRetries: Number.NaN }), 'maxRetries');
    expect(requests).toHaveLength(0);
  });

  it('huge strings pass through when the spec sets no limit, and are refused where it does', async () => {
    const { client, requests } = setup();
    await refused(client.createFolder({ title: 'x'.repeat(10_000) }), /title must be at most/);
    expect(requests).toHaveLength(0);
  });
});

describe('a client method is the same function as the standalone one', () => {
  it('Skyvern.prototype has every generated operation', () => {
    for (const d of operationList) expect(typeof (Skyvern.prototype as never)[d.name], d.name).toBe('function');
  });
});
