import { SkyvernError } from './skyvern-error.js';

const API_BRAND = Symbol.for('skyvern-edge.api-error');

/** The operation an error came from: `getRun`, `GET`, `/v1/runs/{run_id}`. */
export interface OperationRef {
  name: string;
  method: string;
  path?: string;
}

/**
 * The API answered with an error status. `body` is the parsed JSON, or the text when it was not
 * JSON; `operation`, `method` and `path` (the spec's template) name the call.
 */
export class ApiError extends SkyvernError {
  override name = 'ApiError';
  // `declare`: set in the constructor, so no empty field definition ships in every bundle.
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;
  declare operation: string | undefined;
  declare method: string | undefined;
  declare path: string | undefined;

  constructor(
    status: number,
    body: unknown,
    headers: Headers | Record<string, string>,
    message?: string,
    op?: OperationRef,
  ) {
    super(message ?? describeError(status, body));
    this.status = status;
    this.body = body;
    this.headers = headers instanceof Headers ? Object.fromEntries(headers) : headers;
    this.requestId = this.headers['x-request-id'] ?? this.headers['request-id'];
    this.operation = op?.name;
    this.method = op?.method;
    this.path = op?.path;
  }
}
Object.defineProperty(ApiError.prototype, API_BRAND, { value: true });

/** True for an ApiError of any copy of this SDK or any realm (see isSkyvernError). */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[API_BRAND] === true;
}

/**
 * A 2xx answer the SDK cannot use: not JSON, or without the fields it relies on (a run without
 * `run_id`). Not an ApiError: the call did not fail on the server, and retrying will not help.
 */
export class UnexpectedResponseError extends SkyvernError {
  override name = 'UnexpectedResponseError';
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;
  declare readonly operation: string;
  declare readonly method: string;
  declare readonly path: string | undefined;

  constructor(message: string, status: number, body: unknown, headers: Headers, op: OperationRef) {
    super(`${op.name}: ${message}`);
    this.status = status;
    this.body = body;
    this.headers = Object.fromEntries(headers);
    this.requestId = this.headers['x-request-id'];
    this.operation = op.name;
    this.method = op.method;
    this.path = op.path;
  }
}

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** Skyvern answers a missing or invalid API key with 403, not 401. */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}
/** 402: the organization is out of credits or its plan does not cover the call. */
export class PaymentRequiredError extends ApiError {
  override name = 'PaymentRequiredError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 413: the body (an upload over 10 MB) is larger than the server takes. */
export class ContentTooLargeError extends ApiError {
  override name = 'ContentTooLargeError';
}
/** 416: a `range` header past the end of an artifact. */
export class RangeNotSatisfiableError extends ApiError {
  override name = 'RangeNotSatisfiableError';
}
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

const byStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: ContentTooLargeError,
  416: RangeNotSatisfiableError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function apiErrorFor(status: number, body: unknown, headers: Headers, op?: OperationRef): ApiError {
  const ErrorClass = byStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(status, body, headers, undefined, op);
}

const MAX_MESSAGE = 300;

function describeError(status: number, body: unknown): string {
  let text = detailText(body);
  if (status === 403) {
    text = `${text || 'Forbidden'}. Skyvern answers a missing or invalid API key with 403: check apiKey / SKYVERN_API_KEY`;
  }
  return `${status}${text ? ` ${text}` : ''}`;
}

function detailText(body: unknown): string {
  if (body == null || body === '') return '';
  if (typeof body === 'string') return clip(readableText(body));
  const detail = (body as { detail?: unknown }).detail ?? (body as { message?: unknown }).message;
  if (typeof detail === 'string') return clip(detail);
  if (Array.isArray(detail)) {
    // FastAPI's 422: [{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }, ...]
    return clip(
      detail
        .map((d: { loc?: unknown[]; msg?: unknown }) => {
          const loc = Array.isArray(d?.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
          return `${loc ? `${loc}: ` : ''}${typeof d?.msg === 'string' ? d.msg : JSON.stringify(d)}`;
        })
        .join('; '),
    );
  }
  return clip(JSON.stringify(body));
}

/** An HTML error page (a proxy's 502) becomes its title or its visible text. */
function readableText(text: string): string {
  if (!/^\s*</.test(text)) return text.trim();
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return title;
  return text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
