import type { Ctx, Handlers } from '../internal/context.js';
import { HttpError, notFound } from '../internal/http.js';
import { ENGINE_RUN_TYPE, runListItem, runResponse, runState, runTimeline } from '../internal/runs.js';
import { ORG_ID, includesText, iso, newestFirst, numericPart, paginate, utf8 } from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';
import type { SimRun, SimWorkflow } from '../types.js';
import { signWebhook } from '../webhook.js';

export function getRunOr404(sim: SimulatorImpl, runId: string): SimRun {
  const run = sim.runs.get(runId);
  if (!run) throw notFound(`Run not found: ${runId}`);
  return run;
}

export function activeWorkflowOr404(sim: SimulatorImpl, workflowPermanentId: string): SimWorkflow {
  const workflow = sim.workflows.get(workflowPermanentId);
  if (!workflow || workflow.deleted) throw notFound(`Workflow not found: ${workflowPermanentId}`);
  return workflow;
}

/** The hidden workflow behind login / download_files / sdk_action runs. */
function internalWorkflow(sim: SimulatorImpl, kind: string, title: string): SimWorkflow {
  let id = sim.internalWorkflows.get(kind);
  if (!id) {
    id = sim.ids.next('wpid_');
    const t = sim.now();
    const workflow: S['Workflow'] = {
      workflow_id: sim.ids.next('w_'),
      organization_id: ORG_ID,
      title,
      workflow_permanent_id: id,
      version: 1,
      is_saved_task: false,
      is_template: false,
      description: null,
      workflow_definition: { version: 1, parameters: [], blocks: [] },
      status: 'auto_generated',
      created_at: iso(t),
      modified_at: iso(t),
      deleted_at: null,
      agent_id: id,
    };
    sim.workflows.set(id, { workflowPermanentId: id, versions: [workflow], deleted: false, hidden: true });
    sim.internalWorkflows.set(kind, id);
  }
  return sim.workflows.get(id)!;
}

export function startWorkflowRun(
  sim: SimulatorImpl,
  workflow: SimWorkflow,
  request: Record<string, any>,
  kind: 'workflow' | 'script' = 'workflow',
  scriptId: string | null = null,
): SimRun {
  const latest = workflow.versions[workflow.versions.length - 1]!;
  const blocks = (latest.workflow_definition.blocks ?? []) as { label?: unknown }[];
  return sim.createRun({
    kind,
    runType: 'workflow_run',
    request,
    title: typeof request.title === 'string' ? request.title : latest.title,
    workflowPermanentId: latest.workflow_permanent_id,
    workflowId: latest.workflow_id,
    scriptId,
    blockLabels: blocks.map((b) => b.label).filter((l): l is string => typeof l === 'string'),
  });
}

export function startInternalRun(
  sim: SimulatorImpl,
  kind: 'login' | 'download_files' | 'sdk_action',
  request: Record<string, any>,
): SimRun {
  const titles = { login: 'Login', download_files: 'Download files', sdk_action: 'SDK action' };
  const workflow = internalWorkflow(sim, kind, titles[kind]);
  const latest = workflow.versions[0]!;
  return sim.createRun({
    kind,
    runType: 'workflow_run',
    request,
    title: titles[kind],
    workflowPermanentId: latest.workflow_permanent_id,
    workflowId: latest.workflow_id,
    blockLabels: [kind === 'login' ? 'login' : kind === 'download_files' ? 'file_download' : 'sdk_action'],
  });
}

// ---------------------------------------------------------------- artifacts

// A 1×1 PNG.
const PNG = Uint8Array.from([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 31, 21, 196, 137,
  0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 176, 110, 250, 246, 31, 0, 5, 98, 2, 179, 159, 226, 215, 95, 0, 0, 0, 0,
  73, 69, 78, 68, 174, 66, 96, 130,
]);
// The EBML header of a WebM file.
const WEBM = Uint8Array.from([
  26, 69, 223, 163, 159, 66, 134, 129, 1, 66, 247, 129, 1, 66, 242, 129, 4, 66, 243, 129, 8, 66, 130, 132, 119, 101, 98,
  109,
]);

function addArtifact(
  sim: SimulatorImpl,
  run: SimRun,
  type: S['ArtifactType'],
  at: number,
  content: Uint8Array,
  contentType: string,
  step?: number,
): void {
  const id = sim.ids.next('a_');
  const isWorkflow = run.runType === 'workflow_run';
  const ext = contentType.includes('png')
    ? 'png'
    : contentType.includes('webm')
      ? 'webm'
      : contentType.includes('json')
        ? 'json'
        : contentType.includes('csv')
          ? 'csv'
          : 'txt';
  sim.artifacts.set(id, {
    artifact: {
      created_at: iso(at),
      modified_at: iso(at),
      artifact_id: id,
      artifact_type: type,
      uri: `s3://skyvern-artifacts/v1/production/${ORG_ID}/${run.runId}/${id}_${type}.${ext}`,
      bundle_key: null,
      checksum: null,
      file_size: content.byteLength,
      task_id: isWorkflow ? null : run.runId,
      step_id: step === undefined ? null : `stp_${numericPart(run.runId)}${String(step).padStart(3, '0')}`,
      workflow_run_id: isWorkflow ? run.runId : null,
      workflow_run_block_id: null,
      run_id: run.runId,
      browser_session_id: run.browserSessionId,
      observer_cruise_id: run.runType === 'task_v2' ? run.runId : null,
      observer_thought_id: null,
      ai_suggestion_id: null,
      archived: false,
      organization_id: ORG_ID,
    },
    contentType,
    content,
  });
  run.artifactIds.push(id);
}

/**
 * Makes the artifacts a run has produced by now: a screenshot and an LLM response per step, a recording and a
 * final screenshot at the end.
 */
export function syncArtifacts(sim: SimulatorImpl, run: SimRun): void {
  const state = runState(run, sim.now());
  const progress = sim.artifactProgress.get(run.runId) ?? { steps: 0, final: false };
  sim.artifactProgress.set(run.runId, progress);
  while (progress.steps < state.stepCount) {
    progress.steps += 1;
    const at = run.startedAt + (progress.steps - 1) * run.stepEveryMs;
    addArtifact(sim, run, 'screenshot_llm', at, PNG, 'image/png', progress.steps);
    const llm = {
      step: progress.steps,
      action: 'click',
      element_id: `AAB${progress.steps}`,
      reasoning: `Simulated reasoning for step ${progress.steps}`,
    };
    addArtifact(sim, run, 'llm_response', at, utf8(JSON.stringify(llm)), 'application/json', progress.steps);
  }
  if (state.terminal && !progress.final && state.startedAt !== null) {
    progress.final = true;
    const at = state.finishedAt!;
    addArtifact(sim, run, 'screenshot_final', at, PNG, 'image/png');
    addArtifact(sim, run, 'recording', at, WEBM, 'video/webm');
    if (run.kind === 'download_files' && state.status === 'completed')
      addArtifact(sim, run, 'download', at, utf8('a,b\n1,2\n'), 'text/csv');
  }
}

// ---------------------------------------------------------------- handlers

/**
 * The spec's run-tag filter: AND across distinct terms, OR within one group's labels
 * (`customer:acme,env:prod,env:staging` is customer=acme AND env in (prod, staging)); `env:*` is any
 * value of the group; a bare label matches that value in any group or none.
 */
function runTagsMatch(tags: readonly S['TagResponse'][], terms: readonly string[]): boolean {
  const groups = new Map<string, string[]>();
  const labels: string[] = [];
  for (const term of terms) {
    const i = term.indexOf(':');
    if (i < 0) labels.push(term);
    else groups.set(term.slice(0, i), [...(groups.get(term.slice(0, i)) ?? []), term.slice(i + 1)]);
  }
  return (
    labels.every((label) => tags.some((t) => t.value === label)) &&
    [...groups].every(([key, values]) =>
      tags.some((t) => t.key === key && (values.includes('*') || values.includes(t.value))),
    )
  );
}

function runFilter(ctx: Ctx): (run: SimRun) => boolean {
  const {
    status,
    run_type: runTypes,
    search_key: search,
    workflow_permanent_id: workflowIds,
    tags,
  } = ctx.query as {
    status?: string[];
    run_type?: string[];
    search_key?: string;
    workflow_permanent_id?: string[];
    tags?: string[];
  };
  const terms = (tags ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  return (run) => {
    if (status?.length && !status.includes(runState(run, ctx.now).status)) return false;
    if (runTypes?.length && !runTypes.includes(run.runType)) return false;
    if (workflowIds?.length && !workflowIds.includes(run.workflowPermanentId ?? '')) return false;
    if (terms.length && !runTagsMatch(ctx.sim.runTags.get(run.runId)?.tags ?? [], terms)) return false;
    if (
      search &&
      !(
        includesText(run.runId, search) ||
        includesText(run.title, search) ||
        includesText(run.request.prompt, search) ||
        includesText(run.request.url, search)
      )
    )
      return false;
    return true;
  };
}

export const runHandlers = {
  'POST /v1/run/tasks': (ctx: Ctx) => {
    const engine: string = ctx.body.engine ?? 'skyvern-2.0';
    const runType = ENGINE_RUN_TYPE[engine];
    if (!runType) throw new HttpError(400, `Invalid agent engine: ${engine}`);
    const run = ctx.sim.createRun({ kind: 'task', runType, request: { ...ctx.body, engine } });
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl) as S['TaskRunResponse'];
  },

  'POST /v1/run/agents': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.body.agent_id);
    const run = startWorkflowRun(ctx.sim, workflow, ctx.body);
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl) as S['WorkflowRunResponse'];
  },

  'POST /v1/run/tasks/login': (ctx: Ctx) => {
    const run = startInternalRun(ctx.sim, 'login', ctx.body);
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl) as S['WorkflowRunResponse'];
  },

  'POST /v1/run/tasks/download_files': (ctx: Ctx) => {
    const run = startInternalRun(ctx.sim, 'download_files', ctx.body);
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl) as S['WorkflowRunResponse'];
  },

  'GET /v1/runs/{run_id}': (ctx: Ctx) =>
    runResponse(getRunOr404(ctx.sim, ctx.params.run_id!), ctx.now, ctx.sim.baseAppUrl),

  'POST /v1/runs/{run_id}/cancel': (ctx: Ctx) => {
    ctx.sim.forceStatus(getRunOr404(ctx.sim, ctx.params.run_id!), 'canceled');
    return null;
  },

  'POST /v1/runs/cancel': (ctx: Ctx) => {
    const ids = ctx.body.run_ids as unknown[];
    const cancelled: string[] = [];
    const failed: string[] = [];
    for (const id of ids) {
      const run = typeof id === 'string' ? ctx.sim.runs.get(id) : undefined;
      if (run && ctx.sim.forceStatus(run, 'canceled')) cancelled.push(run.runId);
      else failed.push(String(id));
    }
    return { cancelled, failed };
  },

  'GET /v1/runs': (ctx: Ctx) => {
    const runs = newestFirst(ctx.sim.runs.values()).filter(runFilter(ctx));
    return paginate(runs, ctx.query.page, ctx.query.page_size).map((run) => runListItem(run, ctx.now));
  },

  'GET /v1/runs/{run_id}/timeline': (ctx: Ctx) => runTimeline(getRunOr404(ctx.sim, ctx.params.run_id!), ctx.now),

  'GET /v1/runs/{run_id}/artifacts': async (ctx: Ctx) => {
    const run = getRunOr404(ctx.sim, ctx.params.run_id!);
    syncArtifacts(ctx.sim, run);
    const types = ctx.query.artifact_type as string[] | undefined;
    const out: S['Artifact'][] = [];
    for (const id of run.artifactIds) {
      const stored = ctx.sim.artifacts.get(id)!;
      if (types?.length && !types.includes(stored.artifact.artifact_type)) continue;
      out.push(await withSignedUrl(ctx, stored.artifact));
    }
    return out;
  },

  'POST /v1/runs/{run_id}/retry_webhook': async (ctx: Ctx) => {
    const run = getRunOr404(ctx.sim, ctx.params.run_id!);
    const target =
      typeof ctx.body?.webhook_url === 'string' && ctx.body.webhook_url ? ctx.body.webhook_url : run.webhookUrl;
    const started = Date.now();
    const response: S['RunWebhookReplayResponse'] = {
      run_id: run.runId,
      run_type: run.runType,
      default_webhook_url: run.webhookUrl,
      target_webhook_url: target,
      payload: '',
      headers: {},
      status_code: null,
      latency_ms: null,
      response_body: null,
      error: null,
    };
    if (!target) {
      response.payload = JSON.stringify(runResponse(run, ctx.now, ctx.sim.baseAppUrl));
      response.error = 'No webhook URL configured for this run';
      return response;
    }
    const delivery = await ctx.sim.sendWebhook(run, target, true);
    response.payload = delivery.body;
    response.headers = delivery.headers;
    response.status_code = delivery.status ?? null;
    response.latency_ms = Math.max(0, Date.now() - started);
    response.response_body = delivery.responseBody ?? null;
    response.error = delivery.error ?? null;
    return response;
  },

  'POST /v1/agents/runs/{workflow_run_id}/retry': (ctx: Ctx) => {
    const previous = getRunOr404(ctx.sim, ctx.params.workflow_run_id!);
    if (previous.runType !== 'workflow_run') throw notFound(`Workflow run not found: ${previous.runId}`);
    const run =
      previous.kind === 'login' || previous.kind === 'download_files' || previous.kind === 'sdk_action'
        ? startInternalRun(ctx.sim, previous.kind, previous.request)
        : startWorkflowRun(
            ctx.sim,
            activeWorkflowOr404(ctx.sim, previous.workflowPermanentId ?? ''),
            previous.request,
            previous.kind === 'script' ? 'script' : 'workflow',
            previous.scriptId,
          );
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl) as S['WorkflowRunResponse'];
  },
} satisfies Partial<Handlers>;

/** The artifact with a signed_url pointing at this simulator's content route. */
export async function withSignedUrl(ctx: Ctx, artifact: Omit<S['Artifact'], 'signed_url'>): Promise<S['Artifact']> {
  const expiry = Math.floor(ctx.now / 1000) + 3600;
  const signature = await artifactSignature(ctx.sim.apiKey, artifact.artifact_id, expiry);
  return {
    ...artifact,
    signed_url: `${ctx.url.origin}/v1/artifacts/${encodeURIComponent(artifact.artifact_id)}/content?expiry=${expiry}&signature=${signature}`,
  };
}

export async function artifactSignature(apiKey: string, artifactId: string, expiry: number): Promise<string> {
  return (await signWebhook(`${artifactId}:${expiry}`, apiKey, 0)).signature;
}
