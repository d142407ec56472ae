/**
 * Whether a thrown value means the network failed (refused, reset, DNS, a connection lost
 * mid-body), as opposed to a bug: an invalid header, a TypeError from `new Request`, a user's
 * fetch wrapper throwing. Only network failures are worth retrying or waiting through.
 */
export function isNetworkFailure(error: unknown): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && depth < 5; e = e.cause as ErrorLike, depth++) {
    if (e.name === 'NetworkError') return true; // ky's wrapper, DOMException NetworkError
    // Node system errors, undici's UND_ERR_*, Bun's ConnectionRefused / ECONNRESET.
    if (typeof e.code === 'string' && NETWORK_CODE.test(e.code)) return true;
    if (e.name === 'TypeError' && typeof e.message === 'string' && isFetchNetworkMessage(e.message)) return true;
  }
  return false;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

const NETWORK_CODE =
  /^(?:E(?:CONN(?:REFUSED|RESET|ABORTED)|PIPE|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|NETDOWN|PROTO)|UND_ERR_\w+|Connection\w*|FailedToOpenSocket)$/;

// What each runtime's fetch throws when the network fails (the same list ky and is-network-error use).
const FETCH_NETWORK_MESSAGES = new Set([
  'fetch failed', // undici (Node)
  'terminated', // undici, a body cut short
  'network error', // Chromium
  'Failed to fetch', // Chromium
  'NetworkError when attempting to fetch resource.', // Firefox
  'Load failed', // Safari
  'The Internet connection appears to be offline.', // Safari
  'Network request failed', // cross-fetch
  ' A network error occurred.', // Bun
  'Network connection lost', // workerd
]);

function isFetchNetworkMessage(message: string): boolean {
  return (
    FETCH_NETWORK_MESSAGES.has(message) ||
    message.startsWith('Failed to fetch (') ||
    message.startsWith('Load failed (') ||
    message.startsWith('error sending request') || // Deno
    message.startsWith('error reading a body') // Deno, a body cut short
  );
}
