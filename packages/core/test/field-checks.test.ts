// Issue 18 item 2: request fields are generated per operation as compact rows (internal/check-fields.ts), and
// an operation's valibot schema is built from its rows on its first call, so a bundle holds no schema of an
// operation it never calls. The messages are the ones the per-operation valibot schemas gave (compared over
// 15,936 field × value cases when the rows came in); each kind of check is pinned here through the public
// API, with no request sent.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { makeClient, stubFetch } from './helpers.js';

function setup() {
  const { fetch, calls } = stubFetch(async () => new Response('{}'));
  return { client: makeClient(fetch), calls };
}

async function message(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as Error).message;
}

describe('field checks, one kind at a time', () => {
  it('strings: type, emptiness, length, pattern and URL', async () => {
    const { client, calls } = setup();
    expect(await message(client.createFolder({ title: 7 } as never))).toBe(
      'createFolder: title must be a string (received 7)',
    );
    expect(await message(client.createFolder({ title: '' }))).toBe(
      'createFolder: title must not be empty (received empty string)',
    );
    expect(await message(client.createFolder({ title: 'x'.repeat(256) }))).toBe(
      'createFolder: title must be at most 255 characters (received string)',
    );
    expect(await message(client.createBrowserSession({ browser_profile_id: 'p_1' }))).toBe(
      'createBrowserSession: browser_profile_id must match ^bp_ (received string)',
    );
    expect(await message(client.runTask({ prompt: 'x', url: 'a b' }))).toBe(
      'runTask: url must be a valid URL (received string)',
    );
    expect(calls).toHaveLength(0);
  });

  it('numbers: type, whole, finite and bounds', async () => {
    const { client, calls } = setup();
    expect(await message(client.getWorkflows({ page: 'two' } as never))).toBe(
      'getWorkflows: page must be a number (received string)',
    );
    expect(await message(client.getWorkflows({ page: 1.5 }))).toBe(
      'getWorkflows: page must be an integer (received 1.5)',
    );
    expect(await message(client.getWorkflows({ page: 0 }))).toBe('getWorkflows: page must be >= 1 (received 0)');
    expect(await message(client.createBrowserSession({ timeout: 1441 }))).toBe(
      'createBrowserSession: timeout must be <= 1440 (received 1441)',
    );
    expect(
      await message(
        client.downloadFiles({ navigation_goal: 'x', download_timeout: Number.POSITIVE_INFINITY } as never),
      ),
    ).toMatch(/download_timeout must be a finite number \(received Infinity\)$/);
    expect(calls).toHaveLength(0);
  });

  it('booleans, objects, arrays, closed enums and arrays of them', async () => {
    const { client, calls } = setup();
    expect(await message(client.runTask({ prompt: 'x', publish_workflow: 'yes' } as never))).toBe(
      'runTask: publish_workflow must be a boolean (received string)',
    );
    expect(await message(client.runTask({ prompt: 'x', model: 'gpt' } as never))).toBe(
      'runTask: model must be an object (received string)',
    );
    expect(await message(client.bulkCancelRuns({ run_ids: 'r_1' } as never))).toBe(
      'bulkCancelRuns: run_ids must be an array (received string)',
    );
    expect(await message(client.runTask({ prompt: 'x', engine: 'skyvern-9' as never }))).toBe(
      "runTask: engine must be one of 'skyvern-1.0', 'skyvern-2.0', 'skyvern-3.0', 'openai-cua', 'anthropic-cua', 'ui-tars', 'yutori-navigator' (received string)",
    );
    expect(await message(client.getWorkflows({ status: ['published', 'gone' as never] }))).toBe(
      "getWorkflows: status.1 must be one of 'published', 'draft', 'auto_generated', 'importing', 'import_failed' (received string)",
    );
    expect(calls).toHaveLength(0);
  });

  it('null passes where the spec allows it, required fields of any type must be there', async () => {
    const { client, calls } = setup();
    // Sent (the stub's `{}` is no run, so the answer is refused after the request): null passed the checks.
    await client.runTask({ prompt: 'x', url: null, max_steps: null, model: null }).catch(() => undefined);
    expect(calls).toHaveLength(1);
    expect(await message(client.runTask({ prompt: null } as never))).toBe(
      'runTask: prompt must be a string (received null)',
    );
    expect(await message(client.runSdkAction({ url: 'example.com' } as never))).toBe(
      'runSdkAction: action is required',
    );
    expect(calls).toHaveLength(1);
  });
});
