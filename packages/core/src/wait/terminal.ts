export const TERMINAL_STATUSES = ['completed', 'failed', 'terminated', 'timed_out', 'canceled'] as const;
export type TerminalRunStatus = (typeof TERMINAL_STATUSES)[number];

/** `paused` and statuses this SDK does not know yet are not terminal: waiting goes on. */
export function isTerminalStatus(status: unknown): status is TerminalRunStatus {
  return (TERMINAL_STATUSES as readonly unknown[]).includes(status);
}
