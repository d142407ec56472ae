import type { Ctx, Handlers } from '../internal/context.js';
import { isTimeZone, nextRuns, parseCron } from '../internal/cron.js';
import { HttpError, notFound, unprocessable, type ValidationIssue } from '../internal/http.js';
import { runState, workflowRunItem } from '../internal/runs.js';
import { ORG_ID, includesText, iso, newestFirst, paginate } from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';
import type { SimRun, SimWorkflow } from '../types.js';
import { activeWorkflowOr404 } from './runs.js';

type Json = Record<string, any>;

// ---------------------------------------------------------------- definitions

/** Reads the few things the simulator needs from a YAML definition (JSON is YAML too). */
function fromYaml(yaml: string): Json {
  try {
    const parsed = JSON.parse(yaml);
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // not JSON: read it line by line below
  }
  const scalar = (key: string): string | undefined => {
    const m = new RegExp(`^${key}:\\s*(.*?)\\s*$`, 'm').exec(yaml);
    return m ? m[1]!.replace(/^(['"])(.*)\1$/, '$2') : undefined;
  };
  const blocks: Json[] = [];
  const re = /^\s*-?\s*block_type:\s*['"]?([\w-]+)['"]?\s*$|^\s*-?\s*label:\s*['"]?([^'"\n]+?)['"]?\s*$/gm;
  let pending: Json = {};
  for (let m = re.exec(yaml); m; m = re.exec(yaml)) {
    if (m[1]) pending.block_type = m[1];
    if (m[2]) pending.label = m[2];
    if (pending.block_type && pending.label) {
      blocks.push(pending);
      pending = {};
    }
  }
  if (pending.label) blocks.push({ block_type: 'task', ...pending });
  return {
    title: scalar('title') ?? 'Untitled workflow',
    description: scalar('description') ?? null,
    workflow_definition: { parameters: [], blocks },
  };
}

/** The workflow definition as the API answers it: ids and output parameters added to the YAML-style request. */
function toDefinition(sim: SimulatorImpl, def: Json, workflowId: string, t: number): S['WorkflowDefinition'] {
  const stamp = { created_at: iso(t), modified_at: iso(t), deleted_at: null };
  const parameters: Json[] = [];
  const byKey = new Map<string, Json>();
  for (const p of (Array.isArray(def.parameters) ? def.parameters : []) as Json[]) {
    if (!p || typeof p !== 'object') continue;
    const type = p.parameter_type ?? 'workflow';
    const out: Json =
      type === 'workflow'
        ? {
            parameter_type: 'workflow',
            key: p.key,
            description: p.description ?? null,
            workflow_parameter_id: sim.ids.next('wp_'),
            workflow_parameter_type: p.workflow_parameter_type ?? 'string',
            workflow_id: workflowId,
            default_value: p.default_value ?? null,
            ...stamp,
          }
        : { ...p, [`${type}_parameter_id`]: sim.ids.next(`${type.slice(0, 3)}p_`), workflow_id: workflowId, ...stamp };
    parameters.push(out);
    if (typeof p.key === 'string') byKey.set(p.key, out);
  }
  const block = (b: Json): Json => {
    const { parameter_keys: keys, loop_blocks: loop, ...rest } = b;
    const out: Json = {
      ...rest,
      block_type: b.block_type ?? 'task',
      output_parameter: {
        parameter_type: 'output',
        key: `${b.label}_output`,
        description: null,
        output_parameter_id: sim.ids.next('op_'),
        workflow_id: workflowId,
        ...stamp,
      },
    };
    if (Array.isArray(keys)) out.parameters = keys.map((k: string) => byKey.get(k)).filter(Boolean);
    if (Array.isArray(loop)) out.loop_blocks = loop.filter((x) => x && typeof x === 'object').map(block);
    return out;
  };
  const blocks = (Array.isArray(def.blocks) ? def.blocks : [])
    .filter((b: unknown) => b && typeof b === 'object')
    .map(block);
  return {
    version: typeof def.version === 'number' ? def.version : 1,
    parameters: parameters as S['WorkflowDefinition']['parameters'],
    blocks: blocks as S['WorkflowDefinition']['blocks'],
    finally_block_label: def.finally_block_label ?? null,
    error_code_mapping: def.error_code_mapping ?? null,
    workflow_system_prompt: def.workflow_system_prompt ?? null,
  };
}

/**
 * Reads a WorkflowRequest body ({ json_definition } or { yaml_definition }); 422 when it has neither or lacks
 * title / definition.
 */
function definitionOf(body: Json): Json {
  if (body.json_definition && typeof body.json_definition === 'object') {
    const def = body.json_definition as Json;
    const issues: ValidationIssue[] = [];
    if (typeof def.title !== 'string')
      issues.push({
        type: def.title === undefined ? 'missing' : 'string_type',
        loc: ['body', 'json_definition', 'title'],
        msg: def.title === undefined ? 'Field required' : 'Input should be a valid string',
        input: def.title ?? def,
      });
    const wd = def.workflow_definition;
    if (!wd || typeof wd !== 'object')
      issues.push({
        type: 'missing',
        loc: ['body', 'json_definition', 'workflow_definition'],
        msg: 'Field required',
        input: def,
      });
    else {
      for (const k of ['parameters', 'blocks']) {
        if (!Array.isArray(wd[k]))
          issues.push({
            type: wd[k] === undefined ? 'missing' : 'list_type',
            loc: ['body', 'json_definition', 'workflow_definition', k],
            msg: wd[k] === undefined ? 'Field required' : 'Input should be a valid list',
            input: wd[k] ?? wd,
          });
      }
    }
    if (issues.length) throw unprocessable(issues);
    return def;
  }
  if (typeof body.yaml_definition === 'string' && body.yaml_definition.trim()) return fromYaml(body.yaml_definition);
  throw unprocessable([
    {
      type: 'value_error',
      loc: ['body'],
      msg: 'Value error, Either json_definition or yaml_definition must be provided',
      input: body,
      ctx: { error: {} },
    },
  ]);
}

function buildVersion(
  sim: SimulatorImpl,
  def: Json,
  permanentId: string,
  version: number,
  folderId: string | null,
  createdAt: number,
): S['Workflow'] {
  const t = sim.now();
  const workflowId = sim.ids.next('w_');
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    workflow_id: workflowId,
    organization_id: ORG_ID,
    title: String(def.title),
    workflow_permanent_id: permanentId,
    version,
    is_saved_task: def.is_saved_task === true,
    is_template: false,
    description: str(def.description),
    workflow_definition: toDefinition(sim, def.workflow_definition ?? {}, workflowId, t),
    proxy_location: def.proxy_location ?? null,
    webhook_callback_url: str(def.webhook_callback_url),
    totp_verification_url: str(def.totp_verification_url),
    totp_identifier: str(def.totp_identifier),
    persist_browser_session: def.persist_browser_session === true,
    pin_saved_session_ip: def.pin_saved_session_ip === true,
    browser_profile_id: str(def.browser_profile_id),
    browser_profile_key: str(def.browser_profile_key),
    model: def.model && typeof def.model === 'object' ? def.model : null,
    status: typeof def.status === 'string' ? def.status : 'published',
    max_screenshot_scrolls: typeof def.max_screenshot_scrolls === 'number' ? def.max_screenshot_scrolls : null,
    max_elapsed_time_minutes: typeof def.max_elapsed_time_minutes === 'number' ? def.max_elapsed_time_minutes : null,
    extra_http_headers: def.extra_http_headers ?? null,
    cdp_connect_headers: def.cdp_connect_headers ?? null,
    run_with: typeof def.run_with === 'string' ? def.run_with : 'agent',
    ai_fallback: def.ai_fallback !== false,
    cache_key: typeof def.cache_key === 'string' ? def.cache_key : 'default',
    adaptive_caching: def.adaptive_caching === true,
    enable_self_healing: def.enable_self_healing === true,
    code_version: typeof def.code_version === 'number' ? def.code_version : null,
    generate_script_on_terminal: def.generate_script_on_terminal === true,
    run_sequentially: def.run_sequentially === true,
    sequential_key: str(def.sequential_key),
    folder_id: folderId,
    import_error: null,
    created_by: null,
    edited_by: null,
    copilot_authored: false,
    created_at: iso(createdAt),
    modified_at: iso(t),
    deleted_at: null,
    agent_id: permanentId,
  };
}

function folderOr404(sim: SimulatorImpl, folderId: string): S['Folder'] {
  const folder = sim.folders.get(folderId);
  if (!folder) throw notFound(`Folder not found: ${folderId}`);
  return folder;
}

/** Creates a workflow (version 1) from a WorkflowCreateYAMLRequest-shaped definition. */
export function createWorkflowRecord(
  sim: SimulatorImpl,
  def: Json,
  options: { folderId?: string | null } = {},
): SimWorkflow {
  const folderId = options.folderId ?? (typeof def.folder_id === 'string' ? def.folder_id : null);
  if (folderId) folderOr404(sim, folderId);
  const permanentId = sim.ids.next('wpid_');
  const record: SimWorkflow = {
    workflowPermanentId: permanentId,
    versions: [buildVersion(sim, def, permanentId, 1, folderId, sim.now())],
    deleted: false,
    hidden: false,
  };
  sim.workflows.set(permanentId, record);
  return record;
}

/** Idempotency-Key → workflow_permanent_id, per simulator. */
const idempotencyKeys = new WeakMap<object, Map<string, string>>();

const latest = (w: SimWorkflow): S['Workflow'] => w.versions[w.versions.length - 1]!;

function visibleWorkflows(sim: SimulatorImpl): SimWorkflow[] {
  return newestFirst(sim.workflows.values()).filter((w) => !w.deleted && !w.hidden);
}

function tagMatches(sim: SimulatorImpl, workflowPermanentId: string, terms: string[]): boolean {
  const tags = sim.workflowTags.get(workflowPermanentId)?.tags ?? [];
  return terms.every((term) => {
    const i = term.indexOf(':');
    if (i < 0) return tags.some((t) => t.value === term || t.key === term);
    const key = term.slice(0, i);
    const value = term.slice(i + 1);
    return tags.some((t) => t.key === key && (value === '*' || t.value === value));
  });
}

function workflowRuns(sim: SimulatorImpl, ctx: Ctx, filter: (run: SimRun) => boolean): S['WorkflowRun'][] {
  const {
    status,
    search_key: search,
    error_code: errorCode,
    created_at_start: start,
    created_at_end: end,
  } = ctx.query as Json;
  const startMs = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  const endMs = typeof end === 'string' ? Date.parse(end) : Number.NaN;
  const runs = newestFirst(sim.runs.values()).filter((run) => {
    if (run.runType !== 'workflow_run' || !filter(run)) return false;
    const state = runState(run, ctx.now);
    if (status?.length && !status.includes(state.status)) return false;
    if (
      search &&
      !(includesText(run.runId, search) || includesText(JSON.stringify(run.request.parameters ?? {}), search))
    )
      return false;
    if (errorCode && !(state.terminal && `SIMULATED_${state.status.toUpperCase()}` === errorCode)) return false;
    if (!Number.isNaN(startMs) && run.createdAt < startMs) return false;
    if (!Number.isNaN(endMs) && run.createdAt >= endMs) return false;
    return true;
  });
  return paginate(runs, ctx.query.page, ctx.query.page_size).map((run) => {
    const workflow = run.workflowPermanentId ? sim.workflows.get(run.workflowPermanentId) : undefined;
    return workflowRunItem(run, ctx.now, workflow ? latest(workflow).title : run.title);
  });
}

// ---------------------------------------------------------------- schedules

function scheduleOr404(ctx: Ctx): S['WorkflowSchedule'] {
  activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
  const schedule = ctx.sim.schedules.get(ctx.params.workflow_schedule_id!);
  if (!schedule || schedule.deleted_at || schedule.workflow_permanent_id !== ctx.params.workflow_permanent_id) {
    throw notFound(`Schedule not found: ${ctx.params.workflow_schedule_id}`);
  }
  return schedule;
}

function checkSchedule(body: Json): void {
  if (!parseCron(body.cron_expression)) throw new HttpError(400, `Invalid cron expression: ${body.cron_expression}`);
  if (!isTimeZone(body.timezone)) throw new HttpError(400, `Invalid timezone: ${body.timezone}`);
}

function scheduleResponse(ctx: Ctx, schedule: S['WorkflowSchedule']): S['WorkflowScheduleResponse'] {
  const cron = parseCron(schedule.cron_expression);
  const next = schedule.enabled && cron ? nextRuns(cron, schedule.timezone, ctx.now, 5).map(iso) : [];
  return { schedule, next_runs: next };
}

// ---------------------------------------------------------------- handlers

export const workflowHandlers = {
  'GET /v1/agents': (ctx: Ctx) => {
    const q = ctx.query as Json;
    const search: string | undefined = q.search_key ?? (q.title ? q.title : undefined);
    const items = visibleWorkflows(ctx.sim).filter((w) => {
      const wf = latest(w);
      if (q.only_saved_tasks && !wf.is_saved_task) return false;
      if (q.only_workflows && wf.is_saved_task) return false;
      if ((q.only_templates || q.template) && !wf.is_template) return false;
      if (q.folder_id && wf.folder_id !== q.folder_id) return false;
      if (q.status?.length && !q.status.includes(wf.status)) return false;
      if (q.tags?.length && !tagMatches(ctx.sim, w.workflowPermanentId, q.tags)) return false;
      if (search) {
        const folder = wf.folder_id ? ctx.sim.folders.get(wf.folder_id)?.title : undefined;
        const params = q.search_key ? JSON.stringify(wf.workflow_definition.parameters) : '';
        if (
          !(
            includesText(wf.title, search) ||
            (q.search_key && (includesText(folder, search) || includesText(params, search)))
          )
        )
          return false;
      }
      return true;
    });
    return paginate(items, q.page, q.page_size).map(latest);
  },

  'POST /v1/agents': (ctx: Ctx) => {
    // Skyvern de-duplicates this one POST by Idempotency-Key: a repeat answers the first workflow.
    const key = ctx.request.headers.get('idempotency-key');
    const keys = idempotencyKeys.get(ctx.sim) ?? new Map<string, string>();
    idempotencyKeys.set(ctx.sim, keys);
    const earlier = key ? ctx.sim.workflows.get(keys.get(key) ?? '') : undefined;
    if (earlier) return earlier.versions[0]!;
    const def = definitionOf(ctx.body);
    const record = createWorkflowRecord(ctx.sim, def, {
      folderId: (ctx.query.folder_id as string | undefined) ?? null,
    });
    if (key) keys.set(key, record.workflowPermanentId);
    return latest(record);
  },

  'GET /v1/agents/{workflow_permanent_id}': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
    const version = ctx.query.version as number | undefined;
    if (version === undefined) return latest(workflow);
    const found = workflow.versions.find((v) => v.version === version);
    if (!found) throw notFound(`Workflow not found: ${workflow.workflowPermanentId} version ${version}`);
    return found;
  },

  'POST /v1/agents/{workflow_id}': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.params.workflow_id!);
    const def = definitionOf(ctx.body);
    const current = latest(workflow);
    const folderId = typeof def.folder_id === 'string' ? def.folder_id : (current.folder_id ?? null);
    if (folderId) folderOr404(ctx.sim, folderId);
    const next = buildVersion(ctx.sim, def, workflow.workflowPermanentId, current.version + 1, folderId, ctx.now);
    workflow.versions.push(next);
    return next;
  },

  'POST /v1/agents/{workflow_id}/delete': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.params.workflow_id!);
    workflow.deleted = true;
    for (const v of workflow.versions) v.deleted_at = iso(ctx.now);
    return null;
  },

  'GET /v1/agents/{workflow_permanent_id}/versions': (ctx: Ctx) =>
    [...activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!).versions].reverse(),

  'PUT /v1/agents/{workflow_permanent_id}/folder': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
    const folderId = typeof ctx.body.folder_id === 'string' ? ctx.body.folder_id : null;
    if (folderId) folderOr404(ctx.sim, folderId);
    for (const v of workflow.versions) v.folder_id = folderId;
    latest(workflow).modified_at = iso(ctx.now);
    return latest(workflow);
  },

  'POST /v1/agents/{workflow_permanent_id}/browser_session/reset_profile': (ctx: Ctx) => {
    activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
    return undefined;
  },

  'GET /v1/agents/runs': (ctx: Ctx) => workflowRuns(ctx.sim, ctx, () => true),

  'GET /v1/agents/{workflow_id}/runs': (ctx: Ctx) => {
    const id = ctx.params.workflow_id!;
    return workflowRuns(ctx.sim, ctx, (run) => run.workflowPermanentId === id || run.workflowId === id);
  },

  // ---- folders

  'GET /v1/folders': (ctx: Ctx) => {
    const search = ctx.query.search as string | undefined;
    const folders = newestFirst(ctx.sim.folders.values()).filter(
      (f) => !search || includesText(f.title, search) || includesText(f.description, search),
    );
    return paginate(folders, ctx.query.page, ctx.query.page_size).map((f) => folderView(ctx.sim, f));
  },

  'POST /v1/folders': (ctx: Ctx) =>
    folderView(ctx.sim, createFolder(ctx.sim, ctx.body.title, ctx.body.description ?? null)),

  'GET /v1/folders/{folder_id}': (ctx: Ctx) => folderView(ctx.sim, folderOr404(ctx.sim, ctx.params.folder_id!)),

  'PUT /v1/folders/{folder_id}': (ctx: Ctx) => {
    const folder = folderOr404(ctx.sim, ctx.params.folder_id!);
    if (typeof ctx.body.title === 'string') folder.title = ctx.body.title;
    if (ctx.body.description !== undefined) folder.description = ctx.body.description;
    folder.modified_at = iso(ctx.now);
    return folderView(ctx.sim, folder);
  },

  'DELETE /v1/folders/{folder_id}': (ctx: Ctx) => {
    const folder = folderOr404(ctx.sim, ctx.params.folder_id!);
    for (const w of ctx.sim.workflows.values()) {
      if (w.deleted || latest(w).folder_id !== folder.folder_id) continue;
      if (ctx.query.delete_workflows) {
        w.deleted = true;
        for (const v of w.versions) v.deleted_at = iso(ctx.now);
      } else {
        for (const v of w.versions) v.folder_id = null;
      }
    }
    ctx.sim.folders.delete(folder.folder_id);
    return { message: 'Folder deleted successfully', folder_id: folder.folder_id };
  },

  // ---- schedules

  'GET /v1/agents/{workflow_permanent_id}/schedules': (ctx: Ctx) => {
    activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
    const schedules = [...ctx.sim.schedules.values()].filter(
      (s) => s.workflow_permanent_id === ctx.params.workflow_permanent_id && !s.deleted_at,
    );
    return { schedules };
  },

  'POST /v1/agents/{workflow_permanent_id}/schedules': (ctx: Ctx) => {
    const workflow = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!);
    checkSchedule(ctx.body);
    const id = ctx.sim.ids.next('wfs_');
    const schedule: S['WorkflowSchedule'] = {
      workflow_schedule_id: id,
      organization_id: ORG_ID,
      workflow_permanent_id: workflow.workflowPermanentId,
      cron_expression: ctx.body.cron_expression,
      timezone: ctx.body.timezone,
      enabled: ctx.body.enabled ?? true,
      parameters: ctx.body.parameters ?? null,
      temporal_schedule_id: `sch_${id.slice(4)}`,
      name: ctx.body.name ?? null,
      description: ctx.body.description ?? null,
      created_at: iso(ctx.now),
      modified_at: iso(ctx.now),
      deleted_at: null,
    };
    ctx.sim.schedules.set(id, schedule);
    return scheduleResponse(ctx, schedule);
  },

  'GET /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': (ctx: Ctx) =>
    scheduleResponse(ctx, scheduleOr404(ctx)),

  'PUT /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': (ctx: Ctx) => {
    const schedule = scheduleOr404(ctx);
    checkSchedule(ctx.body);
    Object.assign(schedule, {
      cron_expression: ctx.body.cron_expression,
      timezone: ctx.body.timezone,
      enabled: ctx.body.enabled ?? true,
      parameters: ctx.body.parameters ?? null,
      name: ctx.body.name ?? null,
      description: ctx.body.description ?? null,
      modified_at: iso(ctx.now),
    });
    return scheduleResponse(ctx, schedule);
  },

  'DELETE /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}': (ctx: Ctx) => {
    const schedule = scheduleOr404(ctx);
    ctx.sim.schedules.delete(schedule.workflow_schedule_id);
    return { ok: true };
  },

  'POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/enable': (ctx: Ctx) => {
    const schedule = scheduleOr404(ctx);
    schedule.enabled = true;
    schedule.modified_at = iso(ctx.now);
    return scheduleResponse(ctx, schedule);
  },

  'POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/disable': (ctx: Ctx) => {
    const schedule = scheduleOr404(ctx);
    schedule.enabled = false;
    schedule.modified_at = iso(ctx.now);
    return scheduleResponse(ctx, schedule);
  },

  'GET /v1/schedules': (ctx: Ctx) => {
    const { status, search } = ctx.query as Json;
    const all = newestFirst(ctx.sim.schedules.values()).filter((s) => {
      const workflow = ctx.sim.workflows.get(s.workflow_permanent_id);
      if (!workflow || workflow.deleted || s.deleted_at) return false;
      if (status === 'active' && !s.enabled) return false;
      if (status === 'paused' && s.enabled) return false;
      if (search && !(includesText(latest(workflow).title, search) || includesText(s.name, search))) return false;
      return true;
    });
    const page = paginate(all, ctx.query.page, ctx.query.page_size).map((s): S['OrganizationScheduleItem'] => {
      const cron = parseCron(s.cron_expression);
      const next = s.enabled && cron ? nextRuns(cron, s.timezone, ctx.now, 1)[0] : undefined;
      return {
        workflow_schedule_id: s.workflow_schedule_id,
        organization_id: s.organization_id,
        workflow_permanent_id: s.workflow_permanent_id,
        workflow_title: latest(ctx.sim.workflows.get(s.workflow_permanent_id)!).title,
        cron_expression: s.cron_expression,
        timezone: s.timezone,
        enabled: s.enabled,
        parameters: s.parameters ?? null,
        name: s.name ?? null,
        description: s.description ?? null,
        next_run: next === undefined ? null : iso(next),
        created_at: s.created_at,
        modified_at: s.modified_at,
      };
    });
    return { schedules: page, total_count: all.length, page: ctx.query.page, page_size: ctx.query.page_size };
  },
} satisfies Partial<Handlers>;

function createFolder(sim: SimulatorImpl, title: string, description: string | null): S['Folder'] {
  const t = sim.now();
  const folder: S['Folder'] = {
    title,
    description,
    folder_id: sim.ids.next('fold_'),
    organization_id: ORG_ID,
    workflow_count: 0,
    created_at: iso(t),
    modified_at: iso(t),
  };
  sim.folders.set(folder.folder_id, folder);
  return folder;
}

function folderView(sim: SimulatorImpl, folder: S['Folder']): S['Folder'] {
  let count = 0;
  for (const w of sim.workflows.values())
    if (!w.deleted && !w.hidden && latest(w).folder_id === folder.folder_id) count++;
  folder.workflow_count = count;
  return { ...folder };
}

export function seedFolders(sim: SimulatorImpl, n: number, prefix: string): S['Folder'][] {
  return Array.from({ length: n }, (_, i) => folderView(sim, createFolder(sim, `${prefix} ${i + 1}`, null)));
}
