import { SkyvernError } from './skyvern-error.js';

/**
 * `waitForRun` gave up before the run reached a terminal status. The run keeps
 * going on the server unless `cancelOnTimeout` was set.
 */
export class RunTimeoutError<TRun = unknown> extends SkyvernError {
  override name = 'RunTimeoutError';
  // `declare`: set in the constructor, so no empty field definition ships in every bundle.
  declare readonly runId: string;
  /** The last state of the run the SDK saw, if any poll succeeded. */
  declare readonly lastRun: TRun | undefined;
  declare readonly timeout: number;

  constructor(runId: string, timeout: number, lastRun: TRun | undefined) {
    const status = (lastRun as { status?: string } | undefined)?.status;
    super(`Run ${runId} did not finish within ${timeout} ms${status ? ` (last status: ${status})` : ''}`);
    this.runId = runId;
    this.lastRun = lastRun;
    this.timeout = timeout;
  }
}
