/**
 * @skyvern-edge/testing: a stateful local simulator of the Skyvern API.
 *
 * The simulator is a web-standard `(request: Request) => Promise<Response>` handler with no
 * Node dependency: it runs in Node, Deno, Bun, Cloudflare workerd and browsers. Inject
 * `sim.fetch` into a client, or serve `sim.handle` (see `@skyvern-edge/testing/server` for Node).
 */
export { createSimulator } from './simulator.js';
export { signWebhook } from './webhook.js';
export { connectionFaultOf } from './internal/faults.js';
export type {
  Fault,
  FaultMatch,
  InjectOptions,
  InjectedFault,
  RecordedRequest,
  RunKind,
  RunOutcome,
  RunScenario,
  RunTimelineOptions,
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
} from './types.js';
