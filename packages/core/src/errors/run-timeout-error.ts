import { SkyvernError } from './skyvern-error.js';

/**
 * `waitForRun` gave up before the run reached a terminal status. The run keeps
 * going on the server unless `cancelOnTimeout` was set.
 */
export class RunTimeoutError<TRun = unknown> extends SkyvernError {
  override name = 'RunTimeoutError';
  readonly runId: string;
  /** The last state of the run the SDK saw, if any poll succeeded. */
  readonly lastRun: TRun | undefined;
  readonly timeout: number;

  constructor(runId: string, timeout: number, lastRun: TRun | undefined) {
    const status = (lastRun as { status?: string } | undefined)?.status;
    super(`Run ${runId} did not finish within ${timeout} ms${status ? ` (last status: ${status})` : ''}`);
    this.runId = runId;
    this.timeout = timeout;
    this.lastRun = lastRun;
  }
}
