// The token proxy, `@skyvern-edge/core/proxy`: a (Request) => Promise<Response> handler
// that holds the API key on the server. Kept apart from the client for bundle size.
export * from './proxy/index.js';
