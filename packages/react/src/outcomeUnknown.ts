import { ConnectionError, refusedBeforeSending, SkyvernError } from '@skyvern-edge/core';

/**
 * A create call (runTask, runWorkflow) whose connection failed after the request may have reached
 * Skyvern: the run may exist and be billed. `cause` is the SDK's ConnectionError. Look the run up
 * (the Skyvern app, or `client.getRuns()`) before starting it again, or you may pay twice.
 */
export class RunOutcomeUnknownError extends SkyvernError {
  override name = 'RunOutcomeUnknownError';

  constructor(cause: ConnectionError) {
    super(
      `The outcome of the start is unknown: ${cause.message}. The run may have been created; look it up in ` +
        'the Skyvern app (or list your runs) before starting it again, or it may be billed twice.',
      { cause },
    );
  }
}

/**
 * @internal A start's error as the hooks report it. A connection refused or a host that did not
 * resolve proves nothing was sent (Node, Deno, Bun say so; browsers hide it as "Failed to fetch"),
 * so that one is a plain failure.
 */
export function startError(error: SkyvernError): SkyvernError {
  return error instanceof ConnectionError && !refusedBeforeSending(error.cause)
    ? new RunOutcomeUnknownError(error)
    : error;
}
