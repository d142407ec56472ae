import { useRunWorkflow, useSkyvernClient } from '@skyvern-edge/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * Run a workflow and follow it (useRunWorkflow). The list of workflows is a plain React Query
 * useQuery in the same QueryClient as the Skyvern hooks (the proxy allows getWorkflows for it).
 */
export function WorkflowPanel() {
  const skyvern = useSkyvernClient();
  const workflows = useQuery({
    queryKey: ['example', 'workflows'],
    queryFn: ({ signal }) => skyvern.getWorkflows({ page_size: 20 }, { signal }),
  });
  const [picked, setPicked] = useState('');
  const agentId = picked || workflows.data?.[0]?.workflow_permanent_id || '';
  const { runWorkflow, runId, status, isRunning, isStarting, error, cancel } = useRunWorkflow({ pollInterval: 1_000 });

  return (
    <section aria-labelledby="workflow-title" data-testid="workflow-panel">
      <h2 id="workflow-title">Run a workflow</h2>
      <label>
        Workflow
        <select
          data-testid="workflow-select"
          data-count={workflows.data?.length ?? 0}
          value={agentId}
          onChange={(e) => setPicked(e.target.value)}
          disabled={!workflows.data?.length}
        >
          {workflows.data?.map((w) => (
            <option key={w.workflow_permanent_id} value={w.workflow_permanent_id}>
              {w.title}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button
          data-testid="workflow-start"
          type="button"
          disabled={!agentId || isRunning}
          onClick={() => void runWorkflow({ agent_id: agentId, parameters: {} })}
        >
          {isStarting ? 'Starting…' : 'Run it'}
        </button>
        <button data-testid="workflow-cancel" type="button" disabled={!isRunning} onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
      <dl>
        <dt>Run</dt>
        <dd data-testid="workflow-run-id">{runId ?? '—'}</dd>
        <dt>Status</dt>
        <dd data-testid="workflow-status" data-status={status ?? (isStarting ? 'starting' : 'idle')}>
          {status ?? (isStarting ? 'starting…' : 'idle')}
        </dd>
      </dl>
      {(error ?? workflows.error) && (
        <p role="alert" data-testid="workflow-error">
          {(error ?? workflows.error)!.message}
        </p>
      )}
    </section>
  );
}
