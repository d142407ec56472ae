export { SkyvernError, isSkyvernError } from './skyvern-error.js';
export {
  ApiError,
  isApiError,
  UnexpectedResponseError,
  PaymentRequiredError,
  RangeNotSatisfiableError,
  type OperationRef,
  BadRequestError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  ContentTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
} from './api-error.js';
export { ConnectionError, RequestTimeoutError, UserAbortError } from './connection-error.js';
export { isTransientError } from './is-transient-error.js';
export { ValidationError } from './validation-error.js';
export { RunTimeoutError } from './run-timeout-error.js';
export { WebhookVerificationError } from './webhook-verification-error.js';
