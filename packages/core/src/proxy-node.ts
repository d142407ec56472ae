// `@skyvern-edge/core/proxy/node`: the token proxy as a `node:http` listener and Express middleware.
// Node-only (it needs the optional peer @hono/node-server); the edge entries never import it.
export {
  createSkyvernNodeProxy,
  type NodeRequest,
  type NodeResponse,
  type SkyvernNodeListener,
  toNodeListener,
} from './proxy/node.js';
