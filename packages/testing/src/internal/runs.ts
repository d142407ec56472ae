import type { S } from '../schema-types.js';
import type { RunKind, RunScenario, RunTimelineOptions, RunType, SimRun, TerminalStatus } from '../types.js';
import { ORG_ID, iso, numericPart, sampleFromSchema } from './util.js';

export const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'terminated', 'timed_out', 'canceled']);
export const isTerminal = (status: string): boolean => TERMINAL.has(status);

export type Timeline = Required<RunTimelineOptions>;
export const DEFAULT_TIMELINE: Timeline = {
  queuedAfterMs: 500,
  runningAfterMs: 1500,
  durationMs: 10_000,
  stepEveryMs: 2_000,
};

export const ENGINE_RUN_TYPE: Record<string, RunType> = {
  'skyvern-1.0': 'task_v1',
  'skyvern-2.0': 'task_v2',
  'skyvern-3.0': 'task_v3',
  'openai-cua': 'openai_cua',
  'anthropic-cua': 'anthropic_cua',
  'ui-tars': 'ui_tars',
  'yutori-navigator': 'yutori_navigator',
};

const DEFAULT_FAILURE: Record<string, string> = {
  failed: 'Simulated failure: the page did not show what the prompt asked for',
  terminated: 'Simulated termination: the goal cannot be reached on this site',
  timed_out: 'Simulated timeout: the run exceeded its time budget',
};

/** The text that prompt markers ([fail], [pause], ...) are looked for in. */
export function markerText(body: Record<string, any>): string {
  const parts = [body.prompt, body.navigation_goal, body.title, body.parameters && JSON.stringify(body.parameters)];
  return parts.filter((p) => typeof p === 'string').join(' ');
}

/** The scenario that the built-in prompt markers ask for. */
export function markerScenario(text: string, t: Timeline): Partial<RunScenario> {
  const out: Partial<RunScenario> = {};
  if (text.includes('[slow]')) out.durationMs = 60_000;
  if (text.includes('[fast]')) out.durationMs = 1_000;
  if (text.includes('[fail]')) out.outcome = 'failed';
  if (text.includes('[terminate]')) out.outcome = 'terminated';
  if (text.includes('[timeout]')) out.outcome = 'timed_out';
  if (text.includes('[pause]')) {
    const duration = out.durationMs ?? t.durationMs;
    out.pauseAtMs = t.runningAfterMs + Math.min(2_000, Math.floor(duration / 2));
    out.resumeAtMs = out.pauseAtMs + 3_000;
  }
  return out;
}

export function resolveScenario(
  body: Record<string, any>,
  kind: RunKind,
  t: Timeline,
  hook?: (body: any, kind: RunKind) => Partial<RunScenario> | undefined,
): RunScenario {
  const decided = hook?.(body, kind);
  const patch = decided ?? markerScenario(markerText(body), t);
  const scenario: RunScenario = { outcome: 'completed', durationMs: t.durationMs };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (scenario as any)[k] = v;
  return scenario;
}

/** Absolute times of a new run's phases. */
export function phaseTimes(createdAt: number, scenario: RunScenario, t: Timeline) {
  const queuedAt = createdAt + Math.max(0, t.queuedAfterMs);
  const startedAt = Math.max(queuedAt, createdAt + Math.max(0, t.runningAfterMs));
  const naturalFinish = startedAt + Math.max(0, scenario.durationMs);
  let pauseAt: number | undefined;
  let resumeAt: number | undefined;
  if (scenario.pauseAtMs !== undefined) {
    const at = Math.max(startedAt, createdAt + scenario.pauseAtMs);
    if (at < naturalFinish) {
      pauseAt = at;
      if (scenario.resumeAtMs !== undefined) resumeAt = Math.max(at, createdAt + scenario.resumeAtMs);
    }
  }
  return { queuedAt, startedAt, pauseAt, resumeAt };
}

/** When the run ends by itself (Infinity while it is paused with no resume). */
export function finishAt(run: SimRun): number {
  const natural = run.startedAt + Math.max(0, run.scenario.durationMs);
  if (run.pauseAt === undefined) return natural;
  if (run.resumeAt === undefined) return Infinity;
  return natural + (run.resumeAt - run.pauseAt);
}

/** When the run is or will be terminal. */
export function terminalAt(run: SimRun): number {
  return Math.min(run.forced?.at ?? Infinity, finishAt(run));
}

export interface RunState {
  status: string;
  terminal: boolean;
  /** When the current status began. */
  since: number;
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  stepCount: number;
}

export function runState(run: SimRun, t: number): RunState {
  const forcedNow = run.forced && t >= run.forced.at;
  const natural = naturalState(run, forcedNow ? run.forced!.at : t);
  if (forcedNow && !natural.terminal) {
    const at = run.forced!.at;
    return {
      status: run.forced!.status,
      terminal: true,
      since: at,
      queuedAt: natural.queuedAt,
      startedAt: natural.startedAt,
      finishedAt: at,
      stepCount: stepCount(run, at),
    };
  }
  return natural;
}

function naturalState(run: SimRun, t: number): RunState {
  const base = { queuedAt: null, startedAt: null, finishedAt: null, stepCount: 0 };
  if (t < run.queuedAt) return { ...base, status: 'created', terminal: false, since: run.createdAt };
  if (t < run.startedAt)
    return { ...base, queuedAt: run.queuedAt, status: 'queued', terminal: false, since: run.queuedAt };
  const started = { queuedAt: run.queuedAt, startedAt: run.startedAt, stepCount: stepCount(run, t) };
  const finish = finishAt(run);
  if (run.pauseAt !== undefined && t >= run.pauseAt && (run.resumeAt === undefined || t < run.resumeAt)) {
    return { ...started, finishedAt: null, status: 'paused', terminal: false, since: run.pauseAt };
  }
  if (t < finish) {
    const since = run.resumeAt !== undefined && t >= run.resumeAt ? run.resumeAt : run.startedAt;
    return { ...started, finishedAt: null, status: run.scenario.status ?? 'running', terminal: false, since };
  }
  return { ...started, finishedAt: finish, status: run.scenario.outcome, terminal: true, since: finish };
}

/** Steps taken by time t: one when running starts, one more every stepEveryMs of running. */
export function stepCount(run: SimRun, t: number): number {
  const end = Math.min(t, finishAt(run), run.forced?.at ?? Infinity);
  if (end < run.startedAt) return 0;
  let active = end - run.startedAt;
  if (run.pauseAt !== undefined && end > run.pauseAt) {
    const resume = Math.min(end, run.resumeAt ?? Infinity);
    active -= resume - run.pauseAt;
  }
  const every = run.stepEveryMs > 0 ? run.stepEveryMs : Infinity;
  return 1 + Math.floor(Math.max(0, active) / every);
}

function defaultOutput(run: SimRun): unknown {
  const req = run.request;
  if (run.kind === 'task') {
    let schema = req.data_extraction_schema;
    if (typeof schema === 'string') {
      try {
        schema = JSON.parse(schema);
      } catch {
        schema = undefined;
      }
    }
    if (schema && typeof schema === 'object') return sampleFromSchema(schema);
    return {
      result: `Simulated result for: ${String(req.prompt ?? '')}`.slice(0, 500),
      prompt_echo: req.prompt ?? null,
    };
  }
  if (run.kind === 'login') return { result: 'Logged in (simulated)' };
  if (run.kind === 'download_files') return { result: 'Downloaded 1 file (simulated)' };
  const out: Record<string, unknown> = {};
  for (const label of run.blockLabels) out[`${label}_output`] = { result: `Simulated output of block ${label}` };
  if (run.blockLabels.length === 0) out.result = 'Simulated workflow output';
  return out;
}

function failureReason(run: SimRun, state: RunState): string | null {
  if (!state.terminal || state.status === 'completed') return null;
  const forced =
    run.forced && state.since === run.forced.at && state.status === run.forced.status ? run.forced : undefined;
  if (forced) {
    if (forced.failureReason !== undefined) return forced.failureReason;
    if (state.status === 'canceled') return null;
  }
  return run.scenario.failureReason ?? DEFAULT_FAILURE[state.status] ?? null;
}

export function runOutput(run: SimRun, state: RunState): unknown {
  if (state.status !== 'completed') return null;
  if (run.forced && run.forced.output !== undefined) return run.forced.output;
  return run.scenario.output !== undefined ? run.scenario.output : defaultOutput(run);
}

const ARTIFACT_HOST = 'https://artifacts.skyvern.com';

/** GET /v1/runs/{id} for a run at time t. */
export function runResponse(
  run: SimRun,
  t: number,
  baseAppUrl: string,
): S['TaskRunResponse'] | S['WorkflowRunResponse'] {
  const state = runState(run, t);
  const req = run.request;
  const failure = failureReason(run, state);
  const screenshots = Array.from(
    { length: Math.min(state.stepCount, 3) },
    (_, i) => `${ARTIFACT_HOST}/${ORG_ID}/${run.runId}/screenshot_${state.stepCount - i}.png`,
  );
  const common = {
    run_id: run.runId,
    status: state.status,
    output: runOutput(run, state) as S['TaskRunResponse']['output'],
    downloaded_files:
      run.kind === 'download_files' && state.status === 'completed'
        ? [
            {
              url: `${ARTIFACT_HOST}/${ORG_ID}/${run.runId}/downloads/file_1.csv`,
              checksum: null,
              filename: 'file_1.csv',
              file_size: 8,
              modified_at: iso(state.finishedAt!),
              artifact_id: null,
            },
          ]
        : [],
    recording_url:
      state.terminal && state.startedAt !== null ? `${ARTIFACT_HOST}/${ORG_ID}/${run.runId}/recording.webm` : null,
    recording_archived: false,
    screenshot_urls: screenshots.length ? screenshots : null,
    failure_reason: failure,
    created_at: iso(run.createdAt),
    modified_at: iso(state.since),
    queued_at: state.queuedAt === null ? null : iso(state.queuedAt),
    started_at: state.startedAt === null ? null : iso(state.startedAt),
    finished_at: state.finishedAt === null ? null : iso(state.finishedAt),
    app_url: `${baseAppUrl}/runs/${run.runId}`,
    browser_session_id: run.browserSessionId,
    browser_profile_id: run.browserProfileId,
    max_screenshot_scrolls: typeof req.max_screenshot_scrolls === 'number' ? req.max_screenshot_scrolls : null,
    script_run: null,
    errors:
      failure && state.status !== 'canceled'
        ? [{ error_code: `SIMULATED_${state.status.toUpperCase()}`, reasoning: failure }]
        : [],
    step_count: state.stepCount,
  };
  if (run.runType !== 'workflow_run') {
    const response: S['TaskRunResponse'] = {
      ...common,
      run_type: run.runType,
      run_request: { ...(req as S['TaskRunRequest-Output']), engine: req.engine ?? 'skyvern-2.0' },
    };
    return response;
  }
  const { agent_id: _agentId, ...rest } = req;
  const runRequest: S['WorkflowRunRequest-Output'] =
    run.kind === 'workflow' || run.kind === 'script'
      ? { ...rest, workflow_id: run.workflowPermanentId ?? '' }
      : {
          workflow_id: run.workflowPermanentId ?? '',
          parameters: {},
          title: run.title,
          webhook_url: run.webhookUrl,
          browser_session_id: run.browserSessionId,
          browser_profile_id: run.browserProfileId,
        };
  const response: S['WorkflowRunResponse'] = {
    ...common,
    run_type: 'workflow_run',
    run_with: typeof req.run_with === 'string' ? req.run_with : run.kind === 'script' ? 'code' : 'agent',
    ai_fallback: typeof req.ai_fallback === 'boolean' ? req.ai_fallback : null,
    script_id: run.scriptId,
    run_request: runRequest,
  };
  return response;
}

/** An item of GET /v1/runs. */
export function runListItem(run: SimRun, t: number): S['TaskRunListItem'] {
  const state = runState(run, t);
  return {
    task_run_id: run.runId,
    run_id: run.runId,
    task_run_type: run.runType,
    status: state.status,
    title: run.title,
    started_at: state.startedAt === null ? null : iso(state.startedAt),
    finished_at: state.finishedAt === null ? null : iso(state.finishedAt),
    created_at: iso(run.createdAt),
    workflow_permanent_id: run.workflowPermanentId,
    workflow_deleted: false,
    script_run: run.kind === 'script',
    trigger_type: 'api',
  };
}

/** An item of GET /v1/agents/runs. */
export function workflowRunItem(run: SimRun, t: number, workflowTitle: string | null): S['WorkflowRun'] {
  const state = runState(run, t);
  const req = run.request;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const obj = (v: unknown): Record<string, string> | null =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : null;
  return {
    workflow_run_id: run.runId,
    workflow_id: run.workflowId ?? '',
    workflow_permanent_id: run.workflowPermanentId ?? '',
    organization_id: ORG_ID,
    browser_session_id: run.browserSessionId,
    browser_profile_id: run.browserProfileId,
    debug_session_id: null,
    status: state.status,
    extra_http_headers: obj(req.extra_http_headers),
    cdp_connect_headers: obj(req.cdp_connect_headers),
    proxy_location: (req.proxy_location ?? 'RESIDENTIAL') as S['WorkflowRun']['proxy_location'],
    webhook_callback_url: run.webhookUrl,
    webhook_failure_reason: null,
    totp_verification_url: str(req.totp_url),
    totp_identifier: str(req.totp_identifier),
    failure_reason: failureReason(run, state),
    failure_category: null,
    parent_workflow_run_id: null,
    workflow_title: workflowTitle,
    max_screenshot_scrolls: typeof req.max_screenshot_scrolls === 'number' ? req.max_screenshot_scrolls : null,
    max_elapsed_time_minutes: typeof req.max_elapsed_time_minutes === 'number' ? req.max_elapsed_time_minutes : null,
    browser_address: str(req.browser_address),
    run_with: typeof req.run_with === 'string' ? req.run_with : run.kind === 'script' ? 'code' : 'agent',
    script_run: null,
    job_id: null,
    depends_on_workflow_run_id: null,
    sequential_key: null,
    ai_fallback: typeof req.ai_fallback === 'boolean' ? req.ai_fallback : null,
    code_gen: null,
    trigger_type: 'api',
    workflow_schedule_id: null,
    ignore_inherited_workflow_system_prompt: false,
    copilot_session_id: null,
    credits_used: state.stepCount,
    cached_credits_used: 0,
    queued_at: state.queuedAt === null ? null : iso(state.queuedAt),
    started_at: state.startedAt === null ? null : iso(state.startedAt),
    finished_at: state.finishedAt === null ? null : iso(state.finishedAt),
    created_at: iso(run.createdAt),
    modified_at: iso(state.since),
  };
}

/** GET /v1/runs/{id}/timeline: blocks of a workflow run, thoughts of a task run, as far as the run has come. */
export function runTimeline(run: SimRun, t: number): S['WorkflowRunTimeline'][] {
  const state = runState(run, t);
  if (state.startedAt === null) return [];
  const end = state.finishedAt ?? t;
  const n = numericPart(run.runId);
  if (run.runType === 'workflow_run') {
    const labels = run.blockLabels.length
      ? run.blockLabels
      : [run.kind === 'login' ? 'login' : run.kind === 'download_files' ? 'file_download' : 'block_1'];
    const span = Math.max(1, run.scenario.durationMs) / labels.length;
    const items: S['WorkflowRunTimeline'][] = [];
    const startOf = (i: number): number => run.startedAt + Math.floor(i * span);
    let current = 0;
    while (current + 1 < labels.length && startOf(current + 1) <= end) current++;
    labels.slice(0, current + 1).forEach((label, i) => {
      const blockStart = startOf(i);
      const blockDone = i < current || state.terminal;
      const blockStatus = i < current ? 'completed' : state.status;
      const modified = i < current ? startOf(i + 1) : state.terminal ? end : blockStart;
      const block: S['WorkflowRunBlock'] = {
        workflow_run_block_id: `wrb_${n}${String(i + 1).padStart(2, '0')}`,
        block_workflow_run_id: null,
        workflow_run_id: run.runId,
        organization_id: ORG_ID,
        description: null,
        parent_workflow_run_block_id: null,
        block_type: run.kind === 'login' ? 'login' : run.kind === 'download_files' ? 'file_download' : 'task',
        label,
        status: blockStatus,
        output: blockDone && blockStatus === 'completed' ? { result: `Simulated output of block ${label}` } : null,
        continue_on_failure: false,
        failure_reason: blockDone && blockStatus !== 'completed' ? failureReason(run, state) : null,
        error_codes: [],
        engine: null,
        task_id: null,
        url: typeof run.request.url === 'string' ? run.request.url : null,
        navigation_goal: null,
        navigation_payload: null,
        data_extraction_goal: null,
        data_schema: null,
        terminate_criterion: null,
        complete_criterion: null,
        actions: [],
        created_at: iso(blockStart),
        modified_at: iso(modified),
        include_action_history_in_verification: false,
        include_extracted_text: true,
        duration: blockDone ? (modified - blockStart) / 1000 : null,
        loop_values: null,
        current_value: null,
        current_index: null,
        recipients: null,
        attachments: null,
        subject: null,
        body: null,
        prompt: null,
        instructions: null,
        positive_descriptor: null,
        negative_descriptor: null,
        executed_branch_id: null,
        executed_branch_expression: null,
        executed_branch_result: null,
        executed_branch_next_block: null,
        script_run: null,
        downloaded_file_count: null,
      };
      items.push({
        type: 'block',
        block,
        thought: null,
        children: [],
        created_at: block.created_at,
        modified_at: block.modified_at,
      });
    });
    return items;
  }
  const items: S['WorkflowRunTimeline'][] = [];
  for (let s = 1; s <= state.stepCount; s++) {
    const at = Math.min(end, run.startedAt + (s - 1) * run.stepEveryMs);
    const thought: S['Thought'] = {
      thought_id: `ot_${n}${String(s).padStart(3, '0')}`,
      task_id: run.runId,
      organization_id: ORG_ID,
      workflow_run_id: null,
      workflow_run_block_id: null,
      workflow_id: null,
      workflow_permanent_id: null,
      user_input: typeof run.request.prompt === 'string' ? run.request.prompt : null,
      observation: `Step ${s}: the page is loaded (simulated)`,
      thought: `Step ${s}: deciding the next action (simulated)`,
      answer: null,
      thought_type: 'plan',
      thought_scenario: null,
      output: null,
      input_token_count: null,
      output_token_count: null,
      reasoning_token_count: null,
      cached_token_count: null,
      thought_cost: null,
      last_llm_model: null,
      created_at: iso(at),
      modified_at: iso(at),
    };
    items.push({
      type: 'thought',
      block: null,
      thought,
      children: [],
      created_at: thought.created_at,
      modified_at: thought.modified_at,
    });
  }
  return items;
}

export type { TerminalStatus };
