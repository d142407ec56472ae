import type { Ctx, Handlers } from '../internal/context.js';
import { HttpError, notFound, unprocessable, type ValidationIssue } from '../internal/http.js';
import { iso } from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';
import type { TagState } from '../types.js';
import { activeWorkflowOr404, getRunOr404 } from './runs.js';

const DEFAULT_COLOR = '#64748B';
const colorKey = (key: string, value: string): string => `${key}\u0000${value}`;

function stateOf(map: Map<string, TagState>, id: string): TagState {
  let state = map.get(id);
  if (!state) {
    state = { tags: [], history: [] };
    map.set(id, state);
  }
  return state;
}

function event(
  sim: SimulatorImpl,
  t: number,
  type: 'added' | 'removed',
  key: string | null,
  value: string | null,
): S['TagHistoryItem'] {
  return {
    tag_event_id: sim.ids.next('tev_'),
    key,
    value,
    event_type: type,
    source: 'api',
    set_at: iso(t),
    set_by: 'api_key',
    superseded_at: null,
  };
}

function removeTags(sim: SimulatorImpl, state: TagState, t: number, pick: (tag: S['TagResponse']) => boolean): number {
  const removed = state.tags.filter(pick);
  if (removed.length === 0) return 0;
  state.tags = state.tags.filter((tag) => !pick(tag));
  for (const tag of removed) {
    for (const e of state.history)
      if (e.event_type === 'added' && e.key === (tag.key ?? null) && e.value === tag.value && !e.superseded_at)
        e.superseded_at = iso(t);
    state.history.push(event(sim, t, 'removed', tag.key ?? null, tag.value));
  }
  return removed.length;
}

/** Applies a TagApplyRequest: deletes first, then adds (one value per key; label-only tags have no key). */
function applyTags(ctx: Ctx, state: TagState): void {
  const { sim, now } = ctx;
  const body = ctx.body as { tags?: unknown[]; tags_to_delete?: unknown[]; colors?: Record<string, string> | null };
  const issues: ValidationIssue[] = [];
  (body.tags ?? []).forEach((tag, i) => {
    const value = (tag as { value?: unknown } | null)?.value;
    if (typeof value !== 'string')
      issues.push({
        type: value === undefined ? 'missing' : 'string_type',
        loc: ['body', 'tags', i, 'value'],
        msg: value === undefined ? 'Field required' : 'Input should be a valid string',
        input: tag,
      });
  });
  if (issues.length) throw unprocessable(issues);
  for (const raw of body.tags_to_delete ?? []) {
    const del = (raw ?? {}) as { key?: string | null; value?: string | null };
    removeTags(
      sim,
      state,
      now,
      (tag) =>
        (del.key == null || tag.key === del.key) &&
        (del.value == null || tag.value === del.value) &&
        (del.key != null || del.value != null),
    );
  }
  for (const raw of body.tags ?? []) {
    const input = raw as { key?: string | null; value: string };
    const key = input.key ?? null;
    if (key !== null) removeTags(sim, state, now, (tag) => tag.key === key && tag.value !== input.value);
    else if (state.tags.some((tag) => tag.key == null && tag.value === input.value)) continue;
    if (state.tags.some((tag) => (tag.key ?? null) === key && tag.value === input.value)) continue;
    state.tags.push({ key, value: input.value, source: 'api', set_at: iso(now), set_by: 'api_key' });
    state.history.push(event(sim, now, 'added', key, input.value));
    if (key !== null) {
      if (!sim.tagKeys.has(key)) sim.tagKeys.set(key, null);
      const color = body.colors?.[input.value] ?? body.colors?.[key];
      if (color) sim.tagColors.set(colorKey(key, input.value), color);
    }
  }
}

function history(ctx: Ctx, state: TagState | undefined): S['TagHistoryItem'][] {
  const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : Number.NaN;
  const key = ctx.query.key as string | undefined;
  return [...(state?.history ?? [])]
    .reverse()
    .filter((e) => (Number.isNaN(since) || Date.parse(e.set_at) >= since) && (key === undefined || e.key === key))
    .slice(0, ctx.query.limit as number);
}

const items = (state: TagState | undefined): S['TagItem'][] =>
  (state?.tags ?? []).map((t) => ({ key: t.key ?? null, value: t.value }));

/** Every keyed (key, value) pair in use, with its workflow count. */
function tagValues(sim: SimulatorImpl): Map<string, { key: string; value: string; workflows: number; runs: number }> {
  const out = new Map<string, { key: string; value: string; workflows: number; runs: number }>();
  const add = (map: Map<string, TagState>, field: 'workflows' | 'runs') => {
    for (const state of map.values()) {
      for (const tag of state.tags) {
        if (tag.key == null) continue;
        const k = colorKey(tag.key, tag.value);
        const entry = out.get(k) ?? { key: tag.key, value: tag.value, workflows: 0, runs: 0 };
        entry[field] += 1;
        out.set(k, entry);
      }
    }
  };
  add(sim.workflowTags, 'workflows');
  add(sim.runTags, 'runs');
  // Registered values (POST /v1/tag-values) are listed even while nothing carries them.
  for (const k of sim.registeredTagValues.keys()) {
    if (out.has(k)) continue;
    const [key, value] = k.split('\u0000') as [string, string];
    out.set(k, { key, value, workflows: 0, runs: 0 });
  }
  return out;
}

function tagValueView(sim: SimulatorImpl, key: string, value: string, workflows: number): S['TagValue'] {
  return { key, value, color: sim.tagColors.get(colorKey(key, value)) ?? DEFAULT_COLOR, workflow_count: workflows };
}

function keyKnown(sim: SimulatorImpl, key: string): boolean {
  if (sim.tagKeys.has(key)) return true;
  for (const v of tagValues(sim).values()) if (v.key === key) return true;
  return false;
}

function idsFrom(value: unknown): string[] {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const tagHandlers = {
  'GET /v1/agents/{workflow_permanent_id}/tags': (ctx: Ctx) => {
    const id = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!).workflowPermanentId;
    return { workflow_permanent_id: id, tags: ctx.sim.workflowTags.get(id)?.tags ?? [] };
  },
  'POST /v1/agents/{workflow_permanent_id}/tags': (ctx: Ctx) => {
    const id = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!).workflowPermanentId;
    const state = stateOf(ctx.sim.workflowTags, id);
    applyTags(ctx, state);
    return { workflow_permanent_id: id, tags: state.tags };
  },
  'DELETE /v1/agents/{workflow_permanent_id}/tags/{key}': (ctx: Ctx) => {
    const id = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!).workflowPermanentId;
    const state = stateOf(ctx.sim.workflowTags, id);
    const key = ctx.params.key!;
    removeTags(ctx.sim, state, ctx.now, (tag) => tag.key === key || (tag.key == null && tag.value === key));
    return { workflow_permanent_id: id, tags: state.tags };
  },
  'GET /v1/agents/{workflow_permanent_id}/tags/history': (ctx: Ctx) => {
    const id = activeWorkflowOr404(ctx.sim, ctx.params.workflow_permanent_id!).workflowPermanentId;
    return { workflow_permanent_id: id, events: history(ctx, ctx.sim.workflowTags.get(id)) };
  },

  'GET /v1/runs/{workflow_run_id}/tags': (ctx: Ctx) => {
    const id = getRunOr404(ctx.sim, ctx.params.workflow_run_id!).runId;
    return { workflow_run_id: id, tags: ctx.sim.runTags.get(id)?.tags ?? [] };
  },
  'POST /v1/runs/{workflow_run_id}/tags': (ctx: Ctx) => {
    const id = getRunOr404(ctx.sim, ctx.params.workflow_run_id!).runId;
    const state = stateOf(ctx.sim.runTags, id);
    applyTags(ctx, state);
    return { workflow_run_id: id, tags: state.tags };
  },
  'DELETE /v1/runs/{workflow_run_id}/tags/{key}': (ctx: Ctx) => {
    const id = getRunOr404(ctx.sim, ctx.params.workflow_run_id!).runId;
    const state = stateOf(ctx.sim.runTags, id);
    const key = ctx.params.key!;
    removeTags(ctx.sim, state, ctx.now, (tag) => tag.key === key || (tag.key == null && tag.value === key));
    return { workflow_run_id: id, tags: state.tags };
  },
  'GET /v1/runs/{workflow_run_id}/tags/history': (ctx: Ctx) => {
    const id = getRunOr404(ctx.sim, ctx.params.workflow_run_id!).runId;
    return { workflow_run_id: id, events: history(ctx, ctx.sim.runTags.get(id)) };
  },

  'GET /v1/tag-keys': (ctx: Ctx) => {
    const counts = new Map<string, number>();
    for (const [key] of ctx.sim.tagKeys) counts.set(key, 0);
    for (const v of tagValues(ctx.sim).values()) counts.set(v.key, (counts.get(v.key) ?? 0) + v.workflows);
    return [...counts].map(([key, workflowCount]): S['TagKey'] => ({
      key,
      description: ctx.sim.tagKeys.get(key) ?? null,
      workflow_count: workflowCount,
    }));
  },
  'PATCH /v1/tag-keys/{key}': (ctx: Ctx) => {
    const key = ctx.params.key!;
    if (!keyKnown(ctx.sim, key)) throw notFound(`Tag key not found: ${key}`);
    ctx.sim.tagKeys.set(key, ctx.body.description ?? null);
    let count = 0;
    for (const v of tagValues(ctx.sim).values()) if (v.key === key) count += v.workflows;
    return { key, description: ctx.body.description ?? null, workflow_count: count };
  },
  'DELETE /v1/tag-keys/{key}': (ctx: Ctx) => {
    const key = ctx.params.key!;
    if (!keyKnown(ctx.sim, key)) throw notFound(`Tag key not found: ${key}`);
    let workflows = 0;
    let runs = 0;
    let removed = 0;
    for (const state of ctx.sim.workflowTags.values()) {
      const n = removeTags(ctx.sim, state, ctx.now, (tag) => tag.key === key);
      if (n) workflows++;
      removed += n;
    }
    for (const state of ctx.sim.runTags.values()) {
      const n = removeTags(ctx.sim, state, ctx.now, (tag) => tag.key === key);
      if (n) runs++;
      removed += n;
    }
    ctx.sim.tagKeys.delete(key);
    for (const k of [...ctx.sim.registeredTagValues.keys()]) {
      if (k.startsWith(`${key}\u0000`)) ctx.sim.registeredTagValues.delete(k);
    }
    return { key, removed_from_workflow_count: workflows, removed_from_run_count: runs, removed_count: removed };
  },

  'GET /v1/tag-values': (ctx: Ctx) => {
    const key = ctx.query.key as string | undefined;
    return [...tagValues(ctx.sim).values()]
      .filter((v) => key === undefined || v.key === key)
      .map((v) => tagValueView(ctx.sim, v.key, v.value, v.workflows));
  },
  'POST /v1/tag-values': (ctx: Ctx) => {
    const { key, value, color } = ctx.body as { key: string; value: string; color?: string | null };
    const issues: ValidationIssue[] = [];
    for (const [field, text] of [
      ['key', key],
      ['value', value],
    ] as const) {
      if (text.trim() === '')
        issues.push({ type: 'value_error', loc: ['body', field], msg: 'must not be empty', input: text });
    }
    if (issues.length) throw unprocessable(issues);
    if (tagValues(ctx.sim).has(colorKey(key, value)))
      throw new HttpError(409, `Tag value already exists: ${key}:${value}`);
    ctx.sim.tagColors.set(colorKey(key, value), color ?? DEFAULT_COLOR);
    ctx.sim.registeredTagValues.set(colorKey(key, value), ctx.now);
    return tagValueView(ctx.sim, key, value, 0);
  },
  'GET /v1/run-tag-suggestions': (ctx: Ctx) => {
    // From the run-tag event log, not the registry: a value once set on a run stays suggested.
    const valuesByKey = new Map<string, Set<string>>();
    const labels = new Set<string>();
    for (const state of ctx.sim.runTags.values()) {
      for (const e of state.history) {
        if (e.event_type !== 'added' || e.value == null) continue;
        if (e.key == null) labels.add(e.value);
        else valuesByKey.set(e.key, (valuesByKey.get(e.key) ?? new Set()).add(e.value));
      }
    }
    return {
      keys: [...valuesByKey.keys()].sort(),
      values_by_key: Object.fromEntries([...valuesByKey].map(([k, values]) => [k, [...values].sort()])),
      labels: [...labels].sort(),
    };
  },
  'PATCH /v1/tag-values/{key}': (ctx: Ctx) => {
    const key = ctx.params.key!;
    const entry = tagValues(ctx.sim).get(colorKey(key, ctx.body.value));
    if (!entry) throw notFound(`Tag value not found: ${key}:${ctx.body.value}`);
    ctx.sim.tagColors.set(colorKey(key, ctx.body.value), ctx.body.color);
    return tagValueView(ctx.sim, key, ctx.body.value, entry.workflows);
  },
  'DELETE /v1/tag-values/{key}': (ctx: Ctx) => {
    const key = ctx.params.key!;
    const value = ctx.body.value as string;
    if (!tagValues(ctx.sim).has(colorKey(key, value))) throw notFound(`Tag value not found: ${key}:${value}`);
    let workflows = 0;
    let runs = 0;
    let removed = 0;
    const pick = (tag: S['TagResponse']) => tag.key === key && tag.value === value;
    for (const state of ctx.sim.workflowTags.values()) {
      const n = removeTags(ctx.sim, state, ctx.now, pick);
      if (n) workflows++;
      removed += n;
    }
    for (const state of ctx.sim.runTags.values()) {
      const n = removeTags(ctx.sim, state, ctx.now, pick);
      if (n) runs++;
      removed += n;
    }
    ctx.sim.tagColors.delete(colorKey(key, value));
    ctx.sim.registeredTagValues.delete(colorKey(key, value));
    return { key, value, removed_from_workflow_count: workflows, removed_from_run_count: runs, removed_count: removed };
  },
  'PATCH /v1/tag-values/{key}/rename': (ctx: Ctx) => {
    const key = ctx.params.key!;
    const { value, new_value: newValue } = ctx.body as { value: string; new_value: string };
    if (!tagValues(ctx.sim).has(colorKey(key, value))) throw notFound(`Tag value not found: ${key}:${value}`);
    let renamed = 0;
    const rename = (map: Map<string, TagState>, count: boolean) => {
      for (const state of map.values()) {
        let hit = false;
        for (const tag of state.tags) {
          if (tag.key === key && tag.value === value) {
            tag.value = newValue;
            tag.set_at = iso(ctx.now);
            hit = true;
          }
        }
        if (hit) {
          state.history.push(
            event(ctx.sim, ctx.now, 'removed', key, value),
            event(ctx.sim, ctx.now, 'added', key, newValue),
          );
          if (count) renamed++;
        }
      }
    };
    rename(ctx.sim.workflowTags, true);
    rename(ctx.sim.runTags, false);
    const color = ctx.sim.tagColors.get(colorKey(key, value)) ?? DEFAULT_COLOR;
    ctx.sim.tagColors.delete(colorKey(key, value));
    ctx.sim.tagColors.set(colorKey(key, newValue), color);
    const registeredAt = ctx.sim.registeredTagValues.get(colorKey(key, value));
    if (registeredAt !== undefined) {
      ctx.sim.registeredTagValues.delete(colorKey(key, value));
      ctx.sim.registeredTagValues.set(colorKey(key, newValue), registeredAt);
    }
    return { key, value: newValue, color, renamed_workflow_count: renamed };
  },

  'GET /v1/workflow-tags': (ctx: Ctx) => ({
    workflow_tags: Object.fromEntries(
      idsFrom(ctx.query.workflow_permanent_ids).map((id) => [id, items(ctx.sim.workflowTags.get(id))]),
    ),
  }),
  'POST /v1/workflow-tags': (ctx: Ctx) => ({
    workflow_tags: Object.fromEntries(
      idsFrom(ctx.body.workflow_permanent_ids).map((id) => [id, items(ctx.sim.workflowTags.get(id))]),
    ),
  }),
  'GET /v1/run-tags': (ctx: Ctx) => ({
    run_tags: Object.fromEntries(idsFrom(ctx.query.workflow_run_ids).map((id) => [id, items(ctx.sim.runTags.get(id))])),
  }),
  'POST /v1/run-tags': (ctx: Ctx) => ({
    run_tags: Object.fromEntries(idsFrom(ctx.body.workflow_run_ids).map((id) => [id, items(ctx.sim.runTags.get(id))])),
  }),
} satisfies Partial<Handlers>;
