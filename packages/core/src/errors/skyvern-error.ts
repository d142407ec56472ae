const BRAND = Symbol.for('skyvern-edge.error');

/** Base class of every error the SDK throws; `instanceof SkyvernError` catches them all. */
export class SkyvernError extends Error {
  override name = 'SkyvernError';

  /** Plain data for loggers: never includes request headers, so never the API key; the cause as name, message and code. */
  toJSON(): Record<string, unknown> {
    const { cause, ...fields } = this as Record<string, unknown>;
    return {
      ...fields,
      name: this.name,
      message: this.message,
      ...(cause === undefined ? {} : { cause: plain(cause) }),
    };
  }
}
// On the prototype, not a field: no own property, nothing in toJSON.
Object.defineProperty(SkyvernError.prototype, BRAND, { value: true });

/** An error's name, message and code (ECONNREFUSED); a primitive as is; anything else dropped. */
function plain(cause: unknown): unknown {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return { name: cause.name, message: cause.message, ...(code === undefined ? {} : { code }) };
  }
  return typeof cause === 'object' || typeof cause === 'function' ? undefined : cause;
}

/**
 * True for any error of this SDK, even from another copy of it (two versions in one bundle) or
 * another realm, where `instanceof` is false.
 */
export function isSkyvernError(value: unknown): value is SkyvernError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
