// (a) The tree-shakable path: the slim client plus the two functions a "start, then wait" app calls.
export { SkyvernClient, getRun, waitForRun } from '@skyvern-edge/core';
