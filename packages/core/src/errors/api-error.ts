import { SkyvernError } from './skyvern-error.js';

/** The API answered with an error status. `body` is the parsed JSON, or the text when it was not JSON. */
export class ApiError extends SkyvernError {
  override name = 'ApiError';
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly requestId: string | undefined;

  constructor(status: number, body: unknown, headers: Headers | Record<string, string>, message?: string) {
    super(message ?? describeError(status, body));
    this.status = status;
    this.body = body;
    this.headers = headers instanceof Headers ? Object.fromEntries(headers) : headers;
    this.requestId = this.headers['x-request-id'] ?? this.headers['request-id'];
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
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: ContentTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function apiErrorFor(status: number, body: unknown, headers: Headers): ApiError {
  const ErrorClass = byStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(status, body, headers);
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
