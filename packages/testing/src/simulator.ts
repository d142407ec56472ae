import { operations, type OperationSpec } from './generated/body-rules.js';
import type { Ctx, Handlers } from './internal/context.js';
import {
  connectionFaultOf,
  faultName,
  hugeError,
  htmlPage,
  matches,
  networkError,
  resetError,
  slowBody,
  stalledBody,
  statusResponse,
  truncated,
  type FaultEntry,
} from './internal/faults.js';
import {
  HttpError,
  compileRoute,
  errorResponse,
  json,
  matchSegments,
  noContent,
  parseJsonBody,
  parseQuery,
  pathSegments,
  unprocessable,
  type CompiledRoute,
} from './internal/http.js';
import {
  DEFAULT_TIMELINE,
  phaseTimes,
  resolveScenario,
  runResponse,
  runState,
  terminalAt,
  type Timeline,
} from './internal/runs.js';
import { IdMaker, UPLOAD_LIMIT, sleep } from './internal/util.js';
import { browserHandlers, seedBrowserProfiles } from './handlers/browser.js';
import { credentialHandlers, seedCredentials } from './handlers/credentials.js';
import { miscHandlers, artifactRoute, seedScripts } from './handlers/misc.js';
import { runHandlers, syncArtifacts } from './handlers/runs.js';
import { tagHandlers } from './handlers/tags.js';
import { workflowHandlers, createWorkflowRecord, seedFolders } from './handlers/workflows.js';
import type { S } from './schema-types.js';
import type {
  Fault,
  InjectOptions,
  InjectedFault,
  RecordedRequest,
  RunKind,
  RunScenario,
  RunType,
  SeedOptions,
  SeedRunsOptions,
  SimArtifact,
  SimBrowserSession,
  SimRun,
  SimScript,
  SimUpload,
  SimWorkflow,
  Simulator,
  SimulatorOptions,
  TagState,
  TerminalStatus,
  WebhookDelivery,
  WebhookDeliveryOptions,
} from './types.js';
import { seededRandom } from './random.js';
import { signWebhook } from './webhook.js';

/** Room for the multipart framing around a file when judging by content-length alone. */
const MULTIPART_SLACK = 64 * 1024;

const handlers: Handlers = {
  ...runHandlers,
  ...workflowHandlers,
  ...tagHandlers,
  ...browserHandlers,
  ...credentialHandlers,
  ...miscHandlers,
};

type AnyHandler = (ctx: Ctx) => unknown;

interface Route extends CompiledRoute {
  readonly handler: AnyHandler;
}

const ROUTES: readonly Route[] = [
  ...operations.map((spec) => ({
    ...compileRoute(spec.method, spec.path, spec),
    handler: handlers[spec.key] as AnyHandler,
  })),
  { ...compileRoute('GET', '/v1/artifacts/{artifact_id}'), handler: artifactRoute as AnyHandler },
];

export interface CreateRunInput {
  kind: RunKind;
  runType: RunType;
  request: Record<string, any>;
  title?: string | null;
  workflowPermanentId?: string | null;
  workflowId?: string | null;
  scriptId?: string | null;
  blockLabels?: readonly string[];
  createdAt?: number;
  scenario?: RunScenario;
}

export class SimulatorImpl implements Simulator {
  readonly apiKey: string;
  readonly requests: RecordedRequest[] = [];
  readonly runs = new Map<string, SimRun>();
  readonly workflows = new Map<string, SimWorkflow>();
  readonly folders = new Map<string, S['Folder']>();
  readonly sessions = new Map<string, SimBrowserSession>();
  readonly browserProfiles = new Map<string, S['BrowserProfile']>();
  readonly credentials = new Map<string, S['CredentialResponse']>();
  readonly customLlms = new Map<string, S['CustomLLM']>();
  readonly scripts = new Map<string, SimScript>();
  readonly schedules = new Map<string, S['WorkflowSchedule']>();
  readonly uploads = new Map<string, SimUpload>();
  readonly artifacts = new Map<string, SimArtifact>();
  readonly totpCodes: S['TOTPCode'][] = [];
  readonly workflowTags = new Map<string, TagState>();
  readonly runTags = new Map<string, TagState>();
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Descriptions of tag keys. */
  readonly tagKeys = new Map<string, string | null>();
  /** Colors of tag values, by `${key}\u0000${value}`. */
  readonly tagColors = new Map<string, string>();
  /** Tag values registered by POST /v1/tag-values (listed while nothing carries them), same keys. */
  readonly registeredTagValues = new Map<string, number>();
  /** How far each run's artifacts have been made. */
  readonly artifactProgress = new Map<string, { steps: number; final: boolean }>();
  /** Workflows behind login / download_files runs, by kind. */
  readonly internalWorkflows = new Map<string, string>();

  readonly ids = new IdMaker();
  readonly timeline: Timeline;
  readonly baseAppUrl: string;
  private readonly clock: () => number;
  private readonly scenarioHook: SimulatorOptions['scenario'];
  private readonly webhookSender: (request: Request) => Promise<Response>;
  private faults: FaultEntry[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly webhookTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pendingWebhooks = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly deliveryFaults: Required<Omit<WebhookDeliveryOptions, 'seed'>>;
  private readonly deliveryRandom: () => number;

  constructor(options: SimulatorOptions = {}) {
    this.apiKey = options.apiKey ?? 'sk-test-simulator';
    this.clock = options.now ?? (() => Date.now());
    this.timeline = { ...DEFAULT_TIMELINE, ...stripUndefined(options.runTimeline ?? {}) };
    this.baseAppUrl = (options.baseAppUrl ?? 'https://app.skyvern.com').replace(/\/+$/, '');
    this.scenarioHook = options.scenario;
    this.webhookSender = options.webhookFetch ?? ((request: Request) => fetch(request));
    this.deliveryFaults = deliveryFaults(options.webhookDelivery);
    this.deliveryRandom = seededRandom(options.webhookDelivery?.seed ?? 1);
  }

  now(): number {
    return this.clock();
  }

  // ------------------------------------------------------------------ entry points

  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      const target = typeof input === 'string' && input.startsWith('/') ? `http://simulator.local${input}` : input;
      return this.handle(new Request(target, init));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const at = this.now();
    const contentType = request.headers.get('content-type');
    const multipart = /^multipart\/form-data/i.test(contentType ?? '');
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    // An upload whose content-length is already over the limit is answered 413 without reading it.
    const oversized = multipart && Number.isFinite(declared) && declared > UPLOAD_LIMIT + MULTIPART_SLACK;
    let bytes: Uint8Array | undefined;
    if (request.body && !oversized) bytes = new Uint8Array(await request.arrayBuffer());
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      search: url.search,
      headers: Object.fromEntries(request.headers),
      at,
    };
    if (bytes && !multipart) record.bodyText = new TextDecoder().decode(bytes);
    this.requests.push(record);

    const fault = this.takeFault(method, url.pathname);
    if (fault) record.fault = faultName(fault);
    if (fault && 'type' in fault) {
      switch (fault.type) {
        case 'network-error':
          throw networkError();
        case 'reset-before-processing':
          throw resetError();
        case 'wrong-content-type':
          return htmlPage(fault.body);
        case 'huge-error':
          return hugeError(fault.status ?? 500, fault.bytes ?? 5_000_000);
        case 'delay':
          await sleep(fault.ms, request.signal);
          break;
        default:
          break;
      }
    } else if (fault) {
      return statusResponse(fault.status, fault.body, fault.headers);
    }

    this.sweepWebhooks();
    const response = await this.process(request, url, method, bytes, oversized, multipart);

    if (fault && 'type' in fault) {
      switch (fault.type) {
        case 'reset-after-processing':
          await response.body?.cancel();
          throw resetError();
        case 'status-after-processing':
          await response.body?.cancel();
          return statusResponse(
            fault.status,
            fault.body ?? 'Internal Server Error',
            fault.body === undefined
              ? { 'content-type': 'text/plain; charset=utf-8', ...fault.headers }
              : fault.headers,
          );
        case 'stall-body': {
          await response.body?.cancel();
          const headers = new Headers(response.headers);
          headers.delete('content-length');
          return new Response(stalledBody(request.signal), {
            status: response.status === 204 ? 200 : response.status,
            headers,
          });
        }
        case 'slow-body': {
          const bytes = new Uint8Array(await response.arrayBuffer());
          const headers = new Headers(response.headers);
          headers.delete('content-length');
          return new Response(slowBody(bytes, fault, request.signal), { status: response.status, headers });
        }
        case 'truncated-json':
          return truncated(response);
        default:
          break;
      }
    }
    return response;
  };

  private async process(
    request: Request,
    url: URL,
    method: string,
    bytes: Uint8Array | undefined,
    oversized: boolean,
    multipart: boolean,
  ): Promise<Response> {
    try {
      const segments = pathSegments(url.pathname);
      const candidates = segments
        ? ROUTES.map((r) => ({ r, params: matchSegments(r, segments) })).filter((c) => c.params)
        : [];
      if (candidates.length === 0) throw new HttpError(404, 'Not Found');
      const same = candidates.filter((c) => c.r.method === method).sort((a, b) => b.r.literals - a.r.literals);
      const chosen = same[0];
      if (!chosen) {
        const allow = [...new Set(candidates.map((c) => c.r.method))].join(', ');
        throw new HttpError(405, 'Method Not Allowed', { allow });
      }
      const route = chosen.r;
      const spec: OperationSpec | undefined = route.spec;
      // GET /v1/version is open; artifact content checks its own signed URL; everything else needs the key.
      if (spec?.auth !== false && !this.authorized(request)) throw new HttpError(403, 'Invalid credentials');
      const query = parseQuery(spec?.query ?? [], url.searchParams);
      let body: any = null;
      let form: FormData | undefined;
      if (spec?.body?.kind === 'multipart') {
        if (oversized)
          throw new HttpError(413, `File size exceeds the maximum allowed size of ${UPLOAD_LIMIT / (1024 * 1024)} MB`);
        form = await this.parseForm(bytes, request.headers.get('content-type'), multipart);
      } else if (spec?.body) {
        body = parseJsonBody(
          spec.body,
          request.headers.get('content-type'),
          bytes ? new TextDecoder().decode(bytes) : '',
        );
      }
      const ctx: Ctx = {
        sim: this,
        request,
        url,
        params: chosen.params!,
        query,
        body,
        now: this.now(),
        ...(form ? { form } : {}),
      };
      const result = await route.handler(ctx);
      if (result instanceof Response) return result;
      const status = spec?.status ?? 200;
      return status === 204 ? noContent() : json(result ?? null, status);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      if (connectionFaultOf(error) || (error instanceof DOMException && error.name === 'AbortError')) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return json({ detail: `Simulator error: ${message}` }, 500);
    }
  }

  private async parseForm(
    bytes: Uint8Array | undefined,
    contentType: string | null,
    multipart: boolean,
  ): Promise<FormData> {
    const missing = unprocessable([{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }]);
    if (!bytes || !multipart) throw missing;
    try {
      return await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': contentType! },
      }).formData();
    } catch {
      throw new HttpError(400, 'There was an error parsing the body');
    }
  }

  /** `x-api-key: <key>` or `Authorization: Bearer <key>`. */
  authorized(request: Request): boolean {
    const key = request.headers.get('x-api-key');
    if (key !== null) return key === this.apiKey;
    const auth = request.headers.get('authorization');
    const m = auth ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
    return m !== null && m[1] === this.apiKey;
  }

  // ------------------------------------------------------------------ faults

  inject(fault: Fault, options: InjectOptions = {}): InjectedFault {
    const sim = this;
    const entry: FaultEntry = {
      fault,
      match: options.match ?? {},
      remaining: options.times ?? 1,
      hits: 0,
      remove() {
        sim.faults = sim.faults.filter((f) => f !== entry);
      },
    };
    this.faults.push(entry);
    return entry;
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(method: string, pathname: string): Fault | undefined {
    const entry = this.faults.find((f) => f.remaining > 0 && matches(f.match, method, pathname));
    if (!entry) return undefined;
    entry.remaining -= 1;
    entry.hits += 1;
    if (entry.remaining <= 0) entry.remove();
    return entry.fault;
  }

  // ------------------------------------------------------------------ runs

  createRun(input: CreateRunInput): SimRun {
    const createdAt = input.createdAt ?? this.now();
    const scenario = input.scenario ?? resolveScenario(input.request, input.kind, this.timeline, this.scenarioHook);
    const times = phaseTimes(createdAt, scenario, this.timeline);
    const prefix = input.runType === 'workflow_run' ? 'wr_' : input.runType === 'task_v2' ? 'tsk_v2_' : 'tsk_';
    const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
    const run: SimRun = {
      runId: this.ids.next(prefix),
      kind: input.kind,
      runType: input.runType,
      request: input.request,
      createdAt,
      queuedAt: times.queuedAt,
      startedAt: times.startedAt,
      ...(times.pauseAt !== undefined ? { pauseAt: times.pauseAt } : {}),
      ...(times.resumeAt !== undefined ? { resumeAt: times.resumeAt } : {}),
      scenario,
      stepEveryMs: this.timeline.stepEveryMs,
      webhookUrl: str(input.request.webhook_url),
      webhookSent: false,
      title: input.title ?? str(input.request.title),
      workflowPermanentId: input.workflowPermanentId ?? null,
      workflowId: input.workflowId ?? null,
      browserSessionId: str(input.request.browser_session_id),
      browserProfileId: str(input.request.browser_profile_id),
      scriptId: input.scriptId ?? null,
      blockLabels: input.blockLabels ?? [],
      artifactIds: [],
    };
    this.runs.set(run.runId, run);
    this.armWebhook(run);
    return run;
  }

  getRunResponse(runId: string): S['TaskRunResponse'] | S['WorkflowRunResponse'] | undefined {
    const run = this.runs.get(runId);
    return run ? runResponse(run, this.now(), this.baseAppUrl) : undefined;
  }

  /** Forces a terminal status at now() unless the run is terminal already; true when it changed. */
  forceStatus(run: SimRun, status: TerminalStatus, patch: { output?: unknown; failureReason?: string } = {}): boolean {
    const t = this.now();
    if (runState(run, t).terminal) return false;
    run.forced = { status, at: t, ...patch };
    this.checkWebhook(run.runId);
    return true;
  }

  completeRun(
    runId: string,
    outcome: TerminalStatus = 'completed',
    patch?: { output?: unknown; failureReason?: string },
  ): void {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`Unknown run: ${runId}`);
    this.forceStatus(run, outcome, patch);
  }

  // ------------------------------------------------------------------ webhooks

  private setTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    this.timers.add(timer);
    return timer;
  }

  private armWebhook(run: SimRun): void {
    if (!run.webhookUrl || run.webhookSent) return;
    this.pendingWebhooks.add(run.runId);
    const previous = this.webhookTimers.get(run.runId);
    if (previous !== undefined) {
      clearTimeout(previous);
      this.timers.delete(previous);
    }
    const at = terminalAt(run);
    if (!Number.isFinite(at)) return;
    const timer = this.setTimer(
      () => {
        this.webhookTimers.delete(run.runId);
        this.checkWebhook(run.runId);
      },
      Math.max(0, at - this.now()),
    );
    this.webhookTimers.set(run.runId, timer);
  }

  private checkWebhook(runId: string): void {
    const run = this.runs.get(runId);
    if (!run || run.webhookSent || !run.webhookUrl) {
      this.pendingWebhooks.delete(runId);
      return;
    }
    const t = this.now();
    if (!runState(run, t).terminal) {
      this.armWebhook(run);
      return;
    }
    run.webhookSent = true;
    this.pendingWebhooks.delete(runId);
    const timer = this.webhookTimers.get(runId);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(timer);
      this.webhookTimers.delete(runId);
    }
    this.track(this.sendWebhook(run, run.webhookUrl, false));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    const p = promise.finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    return p;
  }

  private sweepWebhooks(): void {
    for (const runId of [...this.pendingWebhooks]) this.checkWebhook(runId);
  }

  /**
   * Signs and POSTs the run as GET /v1/runs/{id} shows it now, then retries and duplicates it as
   * `webhookDelivery` says (the same body and signature each time). Never rejects; resolves with
   * the last attempt.
   */
  async sendWebhook(run: SimRun, url: string, replay: boolean): Promise<WebhookDelivery> {
    const t = this.now();
    const body = JSON.stringify(runResponse(run, t, this.baseAppUrl));
    const { signature, timestamp } = await signWebhook(body, this.apiKey, Math.floor(t / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-skyvern-signature': signature,
      'x-skyvern-timestamp': timestamp,
    };
    const { retries, duplicateRate, dropRate } = this.deliveryFaults;
    let delivery: WebhookDelivery | undefined;
    for (let attempt = 1; attempt <= 1 + retries; attempt++) {
      const dropped = this.deliveryRandom() < dropRate;
      delivery = {
        runId: run.runId,
        url,
        body,
        headers,
        at: this.now(),
        replay,
        attempt,
        ...(dropped ? { dropped } : {}),
      };
      this.webhookDeliveries.push(delivery);
      if (dropped) {
        delivery.error = 'dropped on the way (simulated)';
        continue;
      }
      try {
        const response = await this.webhookSender(new Request(url, { method: 'POST', headers, body }));
        delivery.status = response.status;
        delivery.responseBody = await response.text();
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      const answered = delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;
      if (answered && !(attempt <= retries && this.deliveryRandom() < duplicateRate)) break;
    }
    return delivery as WebhookDelivery;
  }

  async deliverWebhooks(): Promise<void> {
    this.sweepWebhooks();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  // ------------------------------------------------------------------ lifecycle

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.webhookTimers.clear();
  }

  reset(): void {
    this.close();
    this.requests.length = 0;
    this.webhookDeliveries.length = 0;
    this.totpCodes.length = 0;
    for (const map of [
      this.runs,
      this.workflows,
      this.folders,
      this.sessions,
      this.browserProfiles,
      this.credentials,
      this.customLlms,
      this.scripts,
      this.schedules,
      this.uploads,
      this.artifacts,
      this.workflowTags,
      this.runTags,
      this.tagKeys,
      this.tagColors,
      this.registeredTagValues,
      this.artifactProgress,
      this.internalWorkflows,
    ] as Map<unknown, unknown>[]) {
      map.clear();
    }
    this.pendingWebhooks.clear();
    this.faults = [];
    this.ids.reset();
  }

  // ------------------------------------------------------------------ seeds

  seedWorkflows(n: number, options: SeedOptions & { folderId?: string } = {}): S['Workflow'][] {
    const out: S['Workflow'][] = [];
    for (let i = 1; i <= n; i++) {
      const definition = {
        title: `${options.prefix ?? 'Seeded workflow'} ${i}`,
        workflow_definition: {
          parameters: [
            {
              parameter_type: 'workflow',
              key: 'url',
              workflow_parameter_type: 'string',
              default_value: 'https://example.com',
            },
          ],
          blocks: [
            {
              block_type: 'task',
              label: 'block_1',
              url: '{{ url }}',
              navigation_goal: `Seeded goal ${i}`,
              parameter_keys: ['url'],
            },
          ],
        },
      };
      out.push(createWorkflowRecord(this, definition, { folderId: options.folderId ?? null }).versions[0]!);
    }
    return out;
  }

  seedRuns(n: number, options: SeedRunsOptions = {}): SimRun[] {
    const kind = options.kind ?? 'task';
    const status = options.status ?? 'completed';
    const t = this.now();
    const span = this.timeline.runningAfterMs + this.timeline.durationMs;
    let workflow: SimWorkflow | undefined;
    if (kind === 'workflow')
      workflow = this.workflows.get(
        this.seedWorkflows(1, { prefix: 'Seeded runs workflow' })[0]!.workflow_permanent_id,
      );
    const out: SimRun[] = [];
    for (let i = 0; i < n; i++) {
      const createdAt = t - span - (n - i) * 60_000;
      const outcome = status === 'canceled' ? 'completed' : status;
      const scenario: RunScenario = { outcome, durationMs: this.timeline.durationMs };
      const latest = workflow?.versions[workflow.versions.length - 1];
      const run =
        kind === 'workflow' && latest
          ? this.createRun({
              kind,
              runType: 'workflow_run',
              request: { agent_id: latest.workflow_permanent_id, parameters: {} },
              title: latest.title,
              workflowPermanentId: latest.workflow_permanent_id,
              workflowId: latest.workflow_id,
              blockLabels: ['block_1'],
              createdAt,
              scenario,
            })
          : this.createRun({
              kind: 'task',
              runType: 'task_v2',
              request: { prompt: `Seeded task ${i + 1}`, url: 'https://example.com' },
              createdAt,
              scenario,
            });
      if (status === 'canceled') run.forced = { status: 'canceled', at: createdAt + this.timeline.runningAfterMs };
      out.push(run);
    }
    return out;
  }

  seedBrowserProfiles(n: number, options: SeedOptions = {}): S['BrowserProfile'][] {
    return seedBrowserProfiles(this, n, options.prefix ?? 'Seeded profile');
  }

  seedCredentials(n: number, options: SeedOptions = {}): S['CredentialResponse'][] {
    return seedCredentials(this, n, options.prefix ?? 'Seeded credential');
  }

  seedFolders(n: number, options: SeedOptions = {}): S['Folder'][] {
    return seedFolders(this, n, options.prefix ?? 'Seeded folder');
  }

  seedScripts(n: number): SimScript[] {
    return seedScripts(this, n);
  }

  /** Makes the artifacts a run has produced by now. */
  syncArtifacts(run: SimRun): void {
    syncArtifacts(this, run);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A stateful local simulator of the Skyvern API. */
export function createSimulator(options?: SimulatorOptions): Simulator {
  return new SimulatorImpl(options);
}

function deliveryFaults(options: WebhookDeliveryOptions = {}): Required<Omit<WebhookDeliveryOptions, 'seed'>> {
  const { retries = 0, duplicateRate = 0, dropRate = 0 } = options;
  if (!(Number.isInteger(retries) && retries >= 0))
    throw new TypeError('webhookDelivery.retries must be a whole number >= 0');
  for (const [name, rate] of [
    ['duplicateRate', duplicateRate],
    ['dropRate', dropRate],
  ] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new TypeError(`webhookDelivery.${name} must be between 0 and 1`);
  }
  return { retries, duplicateRate, dropRate };
}
