import { SkyvernError } from './skyvern-error.js';

/** A webhook whose signature is missing, malformed, wrong, or whose timestamp is out of tolerance. */
export class WebhookVerificationError extends SkyvernError {
  override name = 'WebhookVerificationError';
}
