// waitForRun and watchRun as client methods; they live in ../wait with the poll loop.
export { waitForRun } from '../wait/wait-for-run.js';
export { watchRun } from '../wait/watch-run.js';
