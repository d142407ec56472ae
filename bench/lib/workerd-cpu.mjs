// workerd's CPU time, for the benchmarks that run it through miniflare. Miniflare spawns workerd
// through child_process.spawn: the patch below (installed once, on first import) remembers the last
// process it made, and /proc gives that process's CPU time.
import childProcess from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let lastSpawned;
const realSpawn = childProcess.spawn;
childProcess.spawn = function (...args) {
  lastSpawned = realSpawn.apply(this, args);
  return lastSpawned;
};

/** The pid of the process child_process.spawn made last (miniflare's workerd). */
export const lastSpawnedPid = () => lastSpawned?.pid;

/** CPU ms a live process has used, summed over its threads (Linux /proc; undefined elsewhere). */
export function processCpuMs(pid) {
  if (pid === undefined) return undefined;
  try {
    let total = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const sched = readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8');
      const ms = Number(/se\.sum_exec_runtime\s*:\s*([\d.]+)/.exec(sched)?.[1]);
      if (!Number.isFinite(ms)) return undefined;
      total += ms;
    }
    return total;
  } catch {
    return undefined;
  }
}
