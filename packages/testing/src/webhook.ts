import { toHex } from './internal/util.js';

/**
 * Signs a webhook body the way Skyvern does: `x-skyvern-signature` is the lowercase hex
 * HMAC-SHA256 of the raw body bytes keyed by the API key (UTF-8), `x-skyvern-timestamp`
 * Unix seconds. WebCrypto only, so it runs in every runtime.
 */
export async function signWebhook(
  body: string,
  apiKey: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<{ signature: string; timestamp: string }> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(apiKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(body));
  return { signature: toHex(mac), timestamp: String(Math.floor(timestamp)) };
}
