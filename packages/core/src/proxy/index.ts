export {
  createSkyvernProxy,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_UPSTREAM_TIMEOUT,
  MAX_BUFFERED_ANSWER_BYTES,
} from './handler.js';
export {
  isListOperation,
  memoryOwnershipStore,
  OWNED_CREATING_OPERATIONS,
  type OwnedKind,
  type OwnershipStore,
  type ProxyOwnershipOptions,
} from './ownership.js';
export { createSkyvernRouteHandlers, type SkyvernRouteHandlers } from './route-handlers.js';
export { DEFAULT_ALLOWED_OPERATIONS, RUN_CREATING_OPERATIONS } from './routes.js';
export type { ProxyCorsOptions, ProxyOperation, SkyvernProxyHandler, SkyvernProxyOptions } from './types.js';
