import { ValidationError } from '@skyvern-edge/core';

const encoder = new TextEncoder();

/**
 * A key that names one logical run for good: the same scope (a Workflow instance id, a batch id)
 * and name give the same key on every retry, restart and replay, so a retried create can find the
 * run an earlier attempt made instead of paying for a second one. Lowercase letters, digits and
 * dashes: it is searched for with `GET /v1/runs?search_key=` and so must survive any tokenizer.
 */
export async function runKey(scope: string, name: string): Promise<string> {
  if (typeof scope !== 'string' || scope === '')
    throw new ValidationError('scope', 'must be a non-empty string', 'runKey');
  if (typeof name !== 'string' || name === '')
    throw new ValidationError('name', 'must be a non-empty string', 'runKey');
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${scope}\u0000${name}`));
  const hex = Array.from(new Uint8Array(digest).subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  return `ske-${hex}`;
}

/** The event type a run's webhook is delivered under: one per run, within Workflows' rules (≤ 100, [\w-]). */
export function runEventType(runId: string): string {
  return `skyvern-${runId.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 100);
}
