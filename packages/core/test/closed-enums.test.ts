// Issue 13 item 8: request enums are closed (types and runtime), response enums stay open.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ParamsOf, type RunEngine, type RunStatus, ValidationError } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

describe('request enums are closed', () => {
  it("engine: 'skyvern_v2_typo' is refused before sending, and the error lists the allowed values", async () => {
    const { fetch, calls } = stubFetch(async () => json({ run_id: 'tsk_1', status: 'created', run_type: 'task_v2' }));
    const client = makeClient(fetch);
    // @ts-expect-error not a value of RunEngine
    const refused = await client.runTask({ prompt: 'x', engine: 'skyvern_v2_typo' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ field: 'engine' });
    const message = (refused as Error).message;
    for (const value of ['skyvern-1.0', 'skyvern-2.0', 'skyvern-3.0', 'openai-cua']) expect(message).toContain(value);
    // The typo itself is not echoed (item 2: no user string in an error).
    expect(message).not.toContain('skyvern_v2_typo');
    expect(calls).toHaveLength(0);
    await client.runTask({ prompt: 'x', engine: 'skyvern-3.0' });
    expect(calls).toHaveLength(1);
  });

  it('array query enums are closed item by item (getRuns status[], run_type[])', async () => {
    const { fetch, calls } = stubFetch(async () => json([]));
    const client = makeClient(fetch);
    // @ts-expect-error not a RunStatus
    await expect(client.getRuns({ status: ['completed', 'done'] })).rejects.toMatchObject({ field: 'status.1' });
    // @ts-expect-error not a RunType
    await expect(client.getRuns({ run_type: ['task_v4'] })).rejects.toMatchObject({ field: 'run_type.0' });
    expect(calls).toHaveLength(0);
    await client.getRuns({ status: ['completed'], run_type: ['task_v3'] });
    expect(new URL(calls[0]!.url).search).toBe('?status=completed&run_type=task_v3');
  });

  it('the request types carry the spec values only; plain string fields stay plain strings', () => {
    expectTypeOf<NonNullable<ParamsOf<'runTask'>['engine']>>().toEqualTypeOf<
      'skyvern-1.0' | 'skyvern-2.0' | 'skyvern-3.0' | 'openai-cua' | 'anthropic-cua' | 'ui-tars' | 'yutori-navigator'
    >();
    expectTypeOf<ParamsOf<'runTask'>['prompt']>().toEqualTypeOf<string>();
  });
});

describe('response enums stay open', () => {
  it('a status or engine the SDK does not know arrives as a string, without an error', async () => {
    const answer = {
      run_id: 'tsk_1',
      status: 'hibernating',
      run_type: 'task_v2',
      run_request: { engine: 'skyvern-4.0' },
    };
    const { fetch } = stubFetch(async () => json(answer));
    const run = await makeClient(fetch).getRun('tsk_1');
    expect(run.status).toBe('hibernating');
    const status: string = run.status; // string-compatible
    expect(status).toBe('hibernating');
    const later: RunStatus = 'hibernating';
    const engine: RunEngine = 'skyvern-4.0';
    expect([later, engine]).toEqual(['hibernating', 'skyvern-4.0']);
  });
});
