import { isTerminalStatus, verifyWebhook, WebhookVerificationError, type Run } from '@skyvern-edge/core';

export const json = (body: unknown, status: number) => Response.json(body, { status });

export interface DeliveryOptions {
  apiKey: string | readonly string[];
  toleranceMs?: number;
}

/**
 * What both webhook routes read from a delivery before they route it: a POST whose signature holds,
 * naming its target in the URL query parameter `param`, carrying a finished run. Anything else is
 * answered here (405, 401, 400, or 202 for a run that is not finished), so the caller only routes.
 */
export async function readFinishedRunDelivery(
  request: Request,
  options: DeliveryOptions,
  param: string,
): Promise<{ run: Run; target: string } | Response> {
  if (request.method !== 'POST') return json({ detail: 'POST only' }, 405);
  let run: Run;
  try {
    run = await verifyWebhook<Run>({
      body: await request.text(),
      headers: request.headers,
      apiKey: options.apiKey,
      toleranceMs: options.toleranceMs,
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return json({ detail: error.message }, 401);
    throw error;
  }
  const target = new URL(request.url).searchParams.get(param);
  if (!target) return json({ detail: `the webhook URL has no ${param} parameter` }, 400);
  if (typeof run?.run_id !== 'string' || !isTerminalStatus(run.status)) {
    return json({ ignored: 'not a finished run' }, 202);
  }
  return { run, target };
}
