// (b) All of core: what an app pays if it keeps every export.
export * from '@skyvern-edge/core';
