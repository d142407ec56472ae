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
export { seededRandom } from './random.js';
// Every type of the simulator's surface (options, state, faults, recorded requests).
export type * from './types.js';
