import type { S } from './schema-types.js';

/** What created a run: the scenario hook is told which. */
export type RunKind = 'task' | 'workflow' | 'login' | 'download_files' | 'script' | 'sdk_action';
/** How a run ends by itself. */
export type RunOutcome = 'completed' | 'failed' | 'terminated' | 'timed_out';
/** Every terminal status: the outcomes plus `canceled`. */
export type TerminalStatus = RunOutcome | 'canceled';
export type RunType =
  | 'task_v1'
  | 'task_v2'
  | 'task_v3'
  | 'openai_cua'
  | 'anthropic_cua'
  | 'ui_tars'
  | 'yutori_navigator'
  | 'workflow_run';

/** How one simulated run unfolds. Times are in ms. */
export interface RunScenario {
  outcome: RunOutcome;
  /** Time spent `running` (not counting a pause). */
  durationMs: number;
  /** Ms after creation at which the run pauses (status `paused`). */
  pauseAtMs?: number;
  /**
   * Ms after creation at which a paused run resumes; without it the run stays paused until canceled or
   * completeRun().
   */
  resumeAtMs?: number;
  /**
   * Output on completion (default: a plausible object echoing the prompt, or sample data for a
   * data_extraction_schema).
   */
  output?: unknown;
  failureReason?: string;
  /** Reported instead of `running` while the run runs, even a status the spec does not know (e.g. 'thinking'). */
  status?: string;
}

export interface RunTimelineOptions {
  /** created → queued after this many ms (default 500). */
  queuedAfterMs?: number;
  /** queued → running after this many ms from creation (default 1500). */
  runningAfterMs?: number;
  /** Default time spent running (default 10_000). */
  durationMs?: number;
  /** step_count grows by one every this many ms of running (default 2000). */
  stepEveryMs?: number;
}

export interface SimulatorOptions {
  /** The only API key accepted (default 'sk-test-simulator'). */
  apiKey?: string;
  /** The clock (default Date.now, read at each use so fake timers work). */
  now?: () => number;
  runTimeline?: RunTimelineOptions;
  /** Decides how a run unfolds; return undefined to fall back to the prompt markers ([fail], [pause], ...). */
  scenario?: (body: any, kind: RunKind) => Partial<RunScenario> | undefined;
  /** Sends webhook deliveries (default: the global fetch, called unbound). */
  webhookFetch?: (request: Request) => Promise<Response>;
  /** How deliveries misbehave, as Skyvern Cloud's do (default: each sent once, never retried). */
  webhookDelivery?: WebhookDeliveryOptions;
  /** Base of app_url links (default 'https://app.skyvern.com'). */
  baseAppUrl?: string;
}

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  /** The URL's pathname. */
  path: string;
  /** The URL's search string ('' or starting with '?'). */
  search: string;
  /** Lowercase header names. */
  headers: Record<string, string>;
  /** The body as text (not for multipart bodies). */
  bodyText?: string;
  /** now() when the request arrived. */
  at: number;
  /** The injected fault that this request met, if any. */
  fault?: string;
}

/** Faults that sim.inject() can play instead of (or on top of) the normal answer. */
export type Fault =
  /** Answer this status without processing the request (e.g. 503, 429 with Retry-After, an HTML 502 page). */
  | { status: number; body?: string; headers?: Record<string, string> }
  /** handle() rejects like fetch does when the connection is refused; nothing is processed. */
  | { type: 'network-error' }
  /** handle() rejects like a connection reset before the request was processed. */
  | { type: 'reset-before-processing' }
  /** The request IS processed, then handle() rejects like a connection reset (TypeError 'terminated', ECONNRESET). */
  | { type: 'reset-after-processing' }
  /** The request IS processed, then this status is answered instead of the real answer. */
  | { type: 'status-after-processing'; status: number; body?: string; headers?: Record<string, string> }
  /** Waits this long before processing; rejects with the signal's reason if request.signal aborts. */
  | { type: 'delay'; ms: number }
  /** Processed; the headers come but the body never ends until request.signal aborts. */
  | { type: 'stall-body' }
  /**
   * Processed; the body comes `chunkBytes` (default 1024) at a time, one chunk every `intervalMs`: a slow
   * download that keeps moving. With `stallAfterChunks`, it then stops sending (as `stall-body` does).
   */
  | { type: 'slow-body'; intervalMs: number; chunkBytes?: number; stallAfterChunks?: number }
  /** Processed; the JSON body is cut in half. */
  | { type: 'truncated-json' }
  /** Not processed: a 200 text/html page (a captive portal or a misrouted proxy). */
  | { type: 'wrong-content-type'; body?: string }
  /** Not processed: an error status (default 500) with a JSON body of `bytes` bytes (default 5_000_000). */
  | { type: 'huge-error'; bytes?: number; status?: number };

export interface FaultMatch {
  /** HTTP method, any case. */
  method?: string;
  /** An exact pathname, a path template such as '/v1/runs/{run_id}', or a RegExp tested on the pathname. */
  path?: string | RegExp;
}

export interface InjectOptions {
  match?: FaultMatch;
  /** How many matching requests meet the fault (default 1; Infinity for all). */
  times?: number;
}

export interface InjectedFault {
  readonly fault: Fault;
  readonly match: FaultMatch;
  /** Matching requests still to meet the fault. */
  readonly remaining: number;
  /** Requests that met it so far. */
  readonly hits: number;
  /** Withdraws the fault. */
  remove(): void;
}

/** A run as the simulator keeps it; its status is computed from the clock at each read. */
export interface SimRun {
  readonly runId: string;
  readonly kind: RunKind;
  readonly runType: RunType;
  /** The request body that created the run. */
  readonly request: Record<string, any>;
  readonly createdAt: number;
  readonly queuedAt: number;
  readonly startedAt: number;
  readonly pauseAt?: number;
  readonly resumeAt?: number;
  readonly scenario: RunScenario;
  readonly stepEveryMs: number;
  /** Set by cancel or completeRun(): the status from `at` on. */
  forced?: { status: TerminalStatus; at: number; output?: unknown; failureReason?: string | null };
  readonly webhookUrl: string | null;
  webhookSent: boolean;
  readonly title: string | null;
  readonly workflowPermanentId: string | null;
  readonly workflowId: string | null;
  readonly browserSessionId: string | null;
  readonly browserProfileId: string | null;
  readonly scriptId: string | null;
  /** Block labels of the workflow version that ran (workflow runs). */
  readonly blockLabels: readonly string[];
  /** Ids of the artifacts made so far. */
  readonly artifactIds: string[];
}

export interface SimWorkflow {
  readonly workflowPermanentId: string;
  /** Every version, oldest first. */
  readonly versions: S['Workflow'][];
  deleted: boolean;
  /** Kept off listings (the internal workflows behind login / download_files runs). */
  readonly hidden: boolean;
}

export interface SimBrowserSession {
  readonly record: S['BrowserSessionResponse'];
  readonly createdAt: number;
  /** Minutes. */
  readonly timeout: number;
  closedAt?: number;
}

export interface SimScript {
  readonly scriptId: string;
  readonly organizationId: string;
  readonly runId: string | null;
  /** The workflow (permanent id) the script belongs to, if any. */
  readonly workflowId: string | null;
  readonly createdAt: number;
  readonly versions: { version: number; scriptRevisionId: string; createdAt: number; files: S['ScriptFileCreate'][] }[];
}

export interface SimUpload {
  readonly s3Uri: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly retentionDays: string | null;
  readonly at: number;
  /** The id DELETE /v1/files/{file_id} takes. */
  readonly fileId: string;
}

export interface SimArtifact {
  readonly artifact: Omit<S['Artifact'], 'signed_url'>;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface WebhookDeliveryOptions {
  /** Attempts after the first when the receiver fails or answers non-2xx (Skyvern: up to 3). Default 0. */
  retries?: number;
  /** Probability that an answered delivery is sent again anyway (a lost acknowledgement). Default 0. */
  duplicateRate?: number;
  /** Probability that an attempt never reaches the receiver (counts as failed, so it is retried). Default 0. */
  dropRate?: number;
  /** Seed of the draws above, so a test replays exactly. Default 1. */
  seed?: number;
}

export interface WebhookDelivery {
  readonly runId: string;
  readonly url: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly at: number;
  /** The receiver's status; undefined when the delivery failed. */
  status?: number;
  responseBody?: string;
  error?: string;
  /** True for deliveries sent by POST /v1/runs/{run_id}/retry_webhook. */
  readonly replay: boolean;
  /** 1 for the first attempt of a delivery, 2.. for the server's retries and duplicates. */
  readonly attempt: number;
  /** True when the attempt was dropped on the way: the receiver never saw it. */
  readonly dropped?: boolean;
}

export interface TagState {
  tags: S['TagResponse'][];
  history: S['TagHistoryItem'][];
}

export interface SeedOptions {
  /** Title / name prefix (default per kind). */
  prefix?: string;
}

export interface SeedRunsOptions {
  kind?: 'task' | 'workflow';
  /** Status the seeded runs are in (default 'completed'). */
  status?: TerminalStatus;
}

/** The simulator: a web-standard handler plus state inspection and control for tests. */
export interface Simulator {
  /** Answers one request like the Skyvern API would. */
  handle(request: Request): Promise<Response>;
  /** handle(new Request(input, init)); relative URLs are allowed. Inject it as a client's fetch. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  readonly apiKey: string;
  /** Clears all state, the request log, injected faults and webhook timers. */
  reset(): void;
  /** Clears timers (webhook timers) so a process can exit. */
  close(): void;

  // ---- state, for inspection ----
  readonly runs: Map<string, SimRun>;
  readonly workflows: Map<string, SimWorkflow>;
  readonly folders: Map<string, S['Folder']>;
  readonly sessions: Map<string, SimBrowserSession>;
  readonly browserProfiles: Map<string, S['BrowserProfile']>;
  readonly credentials: Map<string, S['CredentialResponse']>;
  readonly customLlms: Map<string, S['CustomLLM']>;
  readonly scripts: Map<string, SimScript>;
  readonly schedules: Map<string, S['WorkflowSchedule']>;
  readonly uploads: Map<string, SimUpload>;
  readonly artifacts: Map<string, SimArtifact>;
  readonly totpCodes: S['TOTPCode'][];
  readonly workflowTags: Map<string, TagState>;
  readonly runTags: Map<string, TagState>;
  readonly webhookDeliveries: WebhookDelivery[];

  /** The run as GET /v1/runs/{id} would answer it now (undefined for an unknown id). */
  getRunResponse(runId: string): S['TaskRunResponse'] | S['WorkflowRunResponse'] | undefined;

  // ---- control ----
  /** Forces a terminal status now (default 'completed'); fires the webhook. */
  completeRun(runId: string, outcome?: TerminalStatus, patch?: { output?: unknown; failureReason?: string }): void;
  /** Sends every webhook that is due and waits for all deliveries in flight. */
  deliverWebhooks(): Promise<void>;
  /** Plays `fault` on the next `times` requests that match. Faults are consumed in the order they were injected. */
  inject(fault: Fault, options?: InjectOptions): InjectedFault;
  /** Withdraws every injected fault. */
  clearFaults(): void;

  // ---- seeds (so pagination can be tested) ----
  seedWorkflows(n: number, options?: SeedOptions & { folderId?: string }): S['Workflow'][];
  seedRuns(n: number, options?: SeedRunsOptions): SimRun[];
  seedBrowserProfiles(n: number, options?: SeedOptions): S['BrowserProfile'][];
  seedCredentials(n: number, options?: SeedOptions): S['CredentialResponse'][];
  seedFolders(n: number, options?: SeedOptions): S['Folder'][];
  seedScripts(n: number): SimScript[];
}
