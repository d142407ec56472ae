// (a′) The same use through the full class: `new Skyvern()` carries every operation as a method.
export { Skyvern, getRun, waitForRun } from '@skyvern-edge/core';
