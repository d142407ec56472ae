// Compile-time checks (run by `pnpm typecheck`): the types users rely on.
import type { Skyvern, ApiPromise, Run, TaskRunResponse } from '@skyvern-edge/core';

declare const client: Skyvern;

export async function typeChecks() {
  // waitForCompletion changes the result type; without it the promise keeps withResponse().
  const started: ApiPromise<TaskRunResponse> = client.runTask({ prompt: 'x' });
  const finished: TaskRunResponse = await client.runTask({ prompt: 'x' }, { waitForCompletion: true, timeout: 60_000 });
  void started.withResponse();
  // @ts-expect-error a waiting call has no withResponse()
  void client.runTask({ prompt: 'x' }, { waitForCompletion: true }).withResponse();

  // downloadFiles cannot wait, as in the Python SDK.
  // @ts-expect-error waitForCompletion is not an option of downloadFiles
  void client.downloadFiles({ navigation_goal: 'x' }, { waitForCompletion: true });

  // Required fields and snake_case wire names; header parameters are request fields.
  // @ts-expect-error prompt is required
  void client.runTask({ url: 'https://example.com' });
  void client.runWorkflow({
    agent_id: 'wpid_1',
    parameters: { any: { nested: ['value'] } },
    max_steps_override: 10,
    template: false,
  });

  // Open enums: a status or engine added later is still a string.
  const run: Run = await client.getRun('tsk_1');
  const status: string = run.status;
  void client.runTask({ prompt: 'x', engine: 'skyvern-3.0' });

  // getRun is a discriminated union.
  if (run.run_type === 'workflow_run') {
    const workflowOnly: string | null | undefined = run.run_with;
    void workflowOnly;
  }

  // Per-call options are the last argument.
  void client.getRun('tsk_1', {
    signal: AbortSignal.timeout(1_000),
    timeout: 5_000,
    maxRetries: 0,
    headers: { 'x-trace': '1' },
  });
  // @ts-expect-error unknown option
  void client.getRun('tsk_1', { retries: 3 });

  // Iterators yield the list's items.
  for await (const workflow of client.iterWorkflows({ page_size: 50 })) {
    const id: string = workflow.workflow_permanent_id;
    void id;
  }
  return { finished, status };
}

import type { ParamsOf, ResultOf } from '@skyvern-edge/core';

export async function namedTypes(client: Skyvern) {
  const params: ParamsOf<'runTask'> = { prompt: 'x', max_steps: 3 };
  // @ts-expect-error agent_id is required
  const bad: ParamsOf<'runWorkflow'> = { parameters: {} };
  const workflows: ResultOf<'getWorkflows'> = await client.getWorkflows();
  return { params, bad, workflows };
}
