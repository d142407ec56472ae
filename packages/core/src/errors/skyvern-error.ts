/** Base class of every error the SDK throws; `instanceof SkyvernError` catches them all. */
export class SkyvernError extends Error {
  override name = 'SkyvernError';

  /** Plain data for loggers: never includes request headers, so never the API key. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...fields } = this as Record<string, unknown>;
    return { ...fields, name: this.name, message: this.message };
  }
}
