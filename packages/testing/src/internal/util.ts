/** Uploads larger than this (10 MB) answer 413. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** The organization every simulated resource belongs to. */
export const ORG_ID = 'o_300000000000000001';

/** Makes Skyvern-looking ids (`tsk_v2_375...`), deterministic per simulator. */
export class IdMaker {
  private counter = 0;
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}37${String(this.counter).padStart(16, '0')}`;
  }
  reset(): void {
    this.counter = 0;
  }
}

/** The trailing digits of an id: 'tsk_v2_3700…01' → '3700…01'. */
export const numericPart = (id: string): string => id.replace(/^.*?(\d+)$/, '$1');

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Newest first: Map insertion order reversed. */
export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}

/** 1-based page of `items`. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = (page - 1) * pageSize;
  return items.slice(start, start + pageSize);
}

export function includesText(haystack: unknown, needle: string): boolean {
  return typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Base64 to bytes without atob's Latin-1 pitfalls; undefined when `text` is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A JSON value that fits `schema` (a JSON Schema as given in data_extraction_schema). */
export function sampleFromSchema(schema: unknown, depth = 0): unknown {
  if (depth > 6 || typeof schema !== 'object' || schema === null) return 'sample';
  const s = schema as Record<string, any>;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union) && union.length) {
    const pick = union.find((m: any) => m?.type !== 'null') ?? union[0];
    return sampleFromSchema(pick, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>))
        out[k] = sampleFromSchema(v, depth + 1);
      return out;
    }
    case 'array':
      return [sampleFromSchema(s.items ?? { type: 'string' }, depth + 1)];
    case 'integer':
      return typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 1;
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (s.format === 'date-time') return '2025-01-01T00:00:00Z';
      if (s.format === 'date') return '2025-01-01';
      if (s.format === 'email') return 'user@example.com';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.com';
      return typeof s.description === 'string' ? `sample ${s.description}`.slice(0, 80) : 'sample';
    default:
      if (s.properties) return sampleFromSchema({ ...s, type: 'object' }, depth);
      return 'sample';
  }
}
