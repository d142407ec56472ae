import { ValidationError } from '../errors/validation-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import type { Run } from '../types.js';

export interface VerifyWebhookInput {
  /** The raw body exactly as received: a re-serialized object would not match the signature. */
  body: string | ArrayBuffer | ArrayBufferView;
  /** The request's headers (a Headers object or a plain record, as Node and frameworks give them). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /**
   * The signing key: the API key of the organization that sent it. Give several during a key
   * rotation, or when some workflows are signed with the organization's token: a delivery
   * signed by any one of them is accepted.
   */
  apiKey: string | readonly string[];
  /**
   * Advisory only: refuse deliveries whose `x-skyvern-timestamp` is further than this from now (ms).
   * Skyvern does not sign the timestamp, so an attacker replaying a captured delivery can set it to
   * anything: this catches stale retries and clock trouble, not replays. Deduplicate by run instead
   * (`createWebhookDeduper`).
   */
  toleranceMs?: number;
}

const encoder = new TextEncoder();

/**
 * Checks `x-skyvern-signature` (hex HMAC-SHA256 of the raw body, keyed by the
 * API key) with WebCrypto and returns the parsed run. Throws
 * WebhookVerificationError for a missing, malformed or wrong signature.
 */
export async function verifyWebhook<TPayload = Run>(input: VerifyWebhookInput): Promise<TPayload> {
  const { body, headers, apiKey, toleranceMs } = input ?? ({} as VerifyWebhookInput);
  const keys = signingKeys(apiKey);
  if (toleranceMs !== undefined && !(Number.isFinite(toleranceMs) && toleranceMs > 0)) {
    throw new ValidationError('toleranceMs', 'must be a positive number of milliseconds', 'verifyWebhook');
  }
  const bytes = rawBytes(body);
  const signature = header(headers, 'x-skyvern-signature');
  if (!signature) throw new WebhookVerificationError('Missing x-skyvern-signature header');
  const expected = hexToBytes(signature.trim());
  if (expected?.length !== 32) {
    throw new WebhookVerificationError('Malformed x-skyvern-signature header: expected 64 hex characters');
  }
  if (toleranceMs !== undefined) checkTimestamp(header(headers, 'x-skyvern-timestamp'), toleranceMs);

  if (!(await signedByAny(keys, expected, bytes))) throw new WebhookVerificationError('Invalid webhook signature');
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as TPayload;
  } catch {
    throw new WebhookVerificationError('Webhook body is not JSON');
  }
}

function signingKeys(apiKey: VerifyWebhookInput['apiKey']): readonly string[] {
  const keys = typeof apiKey === 'string' ? [apiKey] : apiKey;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'string' && key !== '')) {
    throw new ValidationError(
      'apiKey',
      'must be a non-empty string or a non-empty array of non-empty strings',
      'verifyWebhook',
    );
  }
  return keys;
}

async function signedByAny(keys: readonly string[], expected: Uint8Array, bytes: Uint8Array): Promise<boolean> {
  // Every key is tried, matched or not, so the time taken does not tell which key signed.
  const results = await Promise.all(
    keys.map(async (apiKey) => {
      const key = await crypto.subtle.importKey(
        'raw',
        encoder.encode(apiKey),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      // subtle.verify compares in constant time.
      return crypto.subtle.verify('HMAC', key, expected as BufferSource, bytes as BufferSource);
    }),
  );
  return results.includes(true);
}

function rawBytes(body: VerifyWebhookInput['body']): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new ValidationError(
    'body',
    'must be the raw body (string, ArrayBuffer or Uint8Array): read it with `await request.text()` before any JSON parsing',
    'verifyWebhook',
  );
}

function header(headers: VerifyWebhookInput['headers'], name: string): string | undefined {
  if (!headers || typeof headers !== 'object')
    throw new ValidationError('headers', 'must be a Headers object or a record', 'verifyWebhook');
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function checkTimestamp(value: string | undefined, toleranceMs: number): void {
  if (!value) throw new WebhookVerificationError('Missing x-skyvern-timestamp header');
  const seconds = Number(value);
  if (!Number.isFinite(seconds)) throw new WebhookVerificationError('Malformed x-skyvern-timestamp header');
  if (Math.abs(Date.now() - seconds * 1000) > toleranceMs) {
    throw new WebhookVerificationError(`Webhook timestamp is outside the tolerance of ${toleranceMs} ms`);
  }
}
