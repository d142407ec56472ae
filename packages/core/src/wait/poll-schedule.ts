/**
 * Milliseconds before poll number `attempt` (1 = the first poll after the run
 * was seen). Quick early checks catch runs that fail fast; then a steady 2.75 s,
 * which detects a finish 1.4 s late on average and costs ~23 requests for a
 * 60 s run (a fixed 10 s poll: 5 s late, 7 requests).
 */
export function defaultPollSchedule(attempt: number): number {
  if (attempt <= 1) return 1_000;
  if (attempt === 2) return 2_000;
  return 2_750;
}
