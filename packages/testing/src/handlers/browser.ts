import type { Ctx, Handlers } from '../internal/context.js';
import { notFound } from '../internal/http.js';
import { ORG_ID, includesText, iso, newestFirst, paginate } from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';
import type { SimBrowserSession } from '../types.js';

const ACTIVE = new Set(['created', 'running']);

/** The session with its status brought up to date (sessions time out after `timeout` minutes). */
function refresh(sim: SimulatorImpl, session: SimBrowserSession): S['BrowserSessionResponse'] {
  const record = session.record;
  const t = sim.now();
  if (ACTIVE.has(record.status ?? '') && t >= session.createdAt + session.timeout * 60_000) {
    const at = session.createdAt + session.timeout * 60_000;
    record.status = 'timed_out';
    record.completed_at = iso(at);
    record.modified_at = iso(at);
    session.closedAt = at;
  }
  return { ...record };
}

function sessionOr404(sim: SimulatorImpl, id: string): SimBrowserSession {
  const session = sim.sessions.get(id);
  if (!session) throw notFound(`Browser session not found: ${id}`);
  return session;
}

function profileOr404(sim: SimulatorImpl, id: string): S['BrowserProfile'] {
  const profile = sim.browserProfiles.get(id);
  if (!profile || profile.deleted_at) throw notFound(`Browser profile not found: ${id}`);
  return profile;
}

function createProfile(sim: SimulatorImpl, body: Record<string, any>): S['BrowserProfile'] {
  const t = sim.now();
  const profile: S['BrowserProfile'] = {
    browser_profile_id: sim.ids.next('bp_'),
    organization_id: ORG_ID,
    name: body.name,
    description: body.description ?? null,
    source_browser_type: 'chrome',
    proxy_location: body.proxy_location ?? null,
    proxy_session_id: body.proxy_session_id ?? null,
    is_managed: false,
    workflow_permanent_id: null,
    browser_profile_key_digest: null,
    created_at: iso(t),
    modified_at: iso(t),
    deleted_at: null,
  };
  sim.browserProfiles.set(profile.browser_profile_id, profile);
  return profile;
}

export function seedBrowserProfiles(sim: SimulatorImpl, n: number, prefix: string): S['BrowserProfile'][] {
  return Array.from({ length: n }, (_, i) => ({ ...createProfile(sim, { name: `${prefix} ${i + 1}` }) }));
}

export const browserHandlers = {
  'GET /v1/browser_sessions': (ctx: Ctx) =>
    newestFirst(ctx.sim.sessions.values())
      .map((s) => refresh(ctx.sim, s))
      .filter((r) => ACTIVE.has(r.status ?? '')),

  'POST /v1/browser_sessions': (ctx: Ctx) => {
    const body = (ctx.body ?? {}) as Record<string, any>;
    if (typeof body.browser_profile_id === 'string') profileOr404(ctx.sim, body.browser_profile_id);
    const id = ctx.sim.ids.next('pbs_');
    const timeout = typeof body.timeout === 'number' ? body.timeout : 60;
    const t = ctx.now;
    const record: S['BrowserSessionResponse'] = {
      browser_session_id: id,
      organization_id: ORG_ID,
      status: 'running',
      runnable_type: null,
      runnable_id: null,
      timeout,
      browser_address: `wss://sessions.skyvern.com/${id}/devtools/browser`,
      app_url: `${ctx.sim.baseAppUrl}/browser-session/${id}`,
      extensions: body.extensions ?? null,
      browser_type: body.browser_type ?? null,
      browser_profile_id: body.browser_profile_id ?? null,
      generate_browser_profile: body.generate_browser_profile === true,
      vnc_streaming_supported: true,
      download_path: null,
      downloaded_files: [],
      recordings: [],
      started_at: iso(t),
      completed_at: null,
      created_at: iso(t),
      modified_at: iso(t),
      deleted_at: null,
    };
    ctx.sim.sessions.set(id, { record, createdAt: t, timeout });
    return { ...record };
  },

  'GET /v1/browser_sessions/{browser_session_id}': (ctx: Ctx) =>
    refresh(ctx.sim, sessionOr404(ctx.sim, ctx.params.browser_session_id!)),

  'PATCH /v1/browser_sessions/{browser_session_id}': (ctx: Ctx) => {
    const session = sessionOr404(ctx.sim, ctx.params.browser_session_id!);
    session.record.generate_browser_profile = ctx.body.generate_browser_profile;
    session.record.modified_at = iso(ctx.now);
    return refresh(ctx.sim, session);
  },

  'POST /v1/browser_sessions/{browser_session_id}/close': (ctx: Ctx) => {
    const session = sessionOr404(ctx.sim, ctx.params.browser_session_id!);
    refresh(ctx.sim, session);
    if (ACTIVE.has(session.record.status ?? '')) {
      session.record.status = 'closed';
      session.record.completed_at = iso(ctx.now);
      session.record.modified_at = iso(ctx.now);
      session.closedAt = ctx.now;
    }
    return null;
  },

  'GET /v1/browser_profiles': (ctx: Ctx) => {
    const { include_deleted: includeDeleted, search_key: search, managed } = ctx.query as Record<string, any>;
    const profiles = newestFirst(ctx.sim.browserProfiles.values()).filter((p) => {
      if (p.deleted_at && !includeDeleted) return false;
      if (search && !(includesText(p.name, search) || includesText(p.description, search))) return false;
      if (typeof managed === 'boolean' && (p.is_managed ?? false) !== managed) return false;
      return true;
    });
    return paginate(profiles, ctx.query.page, ctx.query.page_size).map((p) => ({ ...p }));
  },

  'POST /v1/browser_profiles': (ctx: Ctx) => {
    if (typeof ctx.body.browser_session_id === 'string') sessionOr404(ctx.sim, ctx.body.browser_session_id);
    if (typeof ctx.body.workflow_run_id === 'string' && !ctx.sim.runs.has(ctx.body.workflow_run_id))
      throw notFound(`Workflow run not found: ${ctx.body.workflow_run_id}`);
    return { ...createProfile(ctx.sim, ctx.body) };
  },

  'GET /v1/browser_profiles/{profile_id}': (ctx: Ctx) => ({ ...profileOr404(ctx.sim, ctx.params.profile_id!) }),

  'PATCH /v1/browser_profiles/{profile_id}': (ctx: Ctx) => {
    const profile = profileOr404(ctx.sim, ctx.params.profile_id!);
    const body = ctx.body as Record<string, any>;
    if (typeof body.name === 'string') profile.name = body.name;
    if (body.description !== undefined) profile.description = body.description;
    if (body.proxy_location !== undefined) profile.proxy_location = body.proxy_location;
    if (body.proxy_session_id !== undefined) profile.proxy_session_id = body.proxy_session_id;
    if (body.rotate_proxy_session_id === true) profile.proxy_session_id = ctx.sim.ids.next('ps_');
    profile.modified_at = iso(ctx.now);
    return { ...profile };
  },

  'GET /v1/browser_profiles/{profile_id}/usage': (ctx: Ctx) => {
    const id = profileOr404(ctx.sim, ctx.params.profile_id!).browser_profile_id;
    const workflows: S['BrowserProfileUsageWorkflow'][] = [];
    for (const wf of ctx.sim.workflows.values()) {
      const latest = wf.versions.at(-1);
      if (wf.deleted || wf.hidden || latest?.browser_profile_id !== id) continue;
      workflows.push({ workflow_permanent_id: wf.workflowPermanentId, title: latest.title, via: 'workflow' });
    }
    const credentials: S['BrowserProfileUsageCredential'][] = [...ctx.sim.credentials.values()]
      .filter((c) => c.browser_profile_id === id)
      .map((c) => ({ credential_id: c.credential_id, name: c.name }));
    let runs = 0;
    for (const run of ctx.sim.runs.values()) if (run.browserProfileId === id) runs++;
    return { workflows, credentials, recent_seeded_run_count: runs };
  },

  'DELETE /v1/browser_profiles/{profile_id}': (ctx: Ctx) => {
    const profile = profileOr404(ctx.sim, ctx.params.profile_id!);
    profile.deleted_at = iso(ctx.now);
    return undefined;
  },
} satisfies Partial<Handlers>;
