import { apiKeyOf } from '../internal/client-secrets.js';
import type { SkyvernClient } from '../skyvern-client.js';
import type { Run } from '../types.js';
import { verifyWebhook as verify, type VerifyWebhookInput } from '../webhooks/verify-webhook.js';

/** verifyWebhook keyed by this client's API key unless `apiKey` is given. */
export function verifyWebhook<TPayload = Run>(
  client: SkyvernClient,
  input: Omit<VerifyWebhookInput, 'apiKey'> & { apiKey?: VerifyWebhookInput['apiKey'] },
): Promise<TPayload> {
  return verify<TPayload>({ ...input, apiKey: input?.apiKey ?? apiKeyOf(client) ?? '' });
}
