import type { BrowserSessionResponse, Run, SkyvernError } from '@skyvern-edge/core';
import type { DataTag } from '@tanstack/query-core';

export type RunQueryKey = readonly ['skyvern', 'runs', string];
export type BrowserSessionQueryKey = readonly ['skyvern', 'browserSessions', string];

/**
 * Query keys of everything the hooks cache, layered so that one
 * `queryClient.invalidateQueries({ queryKey: skyvernKeys.runs() })` reaches every run:
 *
 *   skyvernKeys.all                  ['skyvern']
 *   skyvernKeys.runs()               ['skyvern', 'runs']
 *   skyvernKeys.run(id)              ['skyvern', 'runs', id]
 *   skyvernKeys.browserSessions()    ['skyvern', 'browserSessions']
 *   skyvernKeys.browserSession(id)   ['skyvern', 'browserSessions', id]
 *
 * `run` and `browserSession` are tagged with their data type, so
 * `queryClient.getQueryData(skyvernKeys.run(id))` is typed `Run | undefined`.
 */
export const skyvernKeys = {
  all: ['skyvern'] as const,
  runs: () => ['skyvern', 'runs'] as const,
  run: (runId: string) => ['skyvern', 'runs', runId] as unknown as DataTag<RunQueryKey, Run, SkyvernError>,
  browserSessions: () => ['skyvern', 'browserSessions'] as const,
  browserSession: (sessionId: string) =>
    ['skyvern', 'browserSessions', sessionId] as unknown as DataTag<
      BrowserSessionQueryKey,
      BrowserSessionResponse,
      SkyvernError
    >,
};
