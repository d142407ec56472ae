import type { BrowserSessionResponse, Run, Skyvern, SkyvernError } from '@skyvern-edge/core';
import type { DataTag } from '@tanstack/query-core';

/** Which API an entry came from: two clients on different base URLs never share an entry. */
export type ClientIdentity = { baseUrl: string };
export type RunQueryKey = readonly ['skyvern', 'runs', string | null, ClientIdentity];
export type BrowserSessionQueryKey = readonly ['skyvern', 'browserSessions', string | null, ClientIdentity];

const identity = (client: Pick<Skyvern, 'baseUrl'>): ClientIdentity => ({ baseUrl: client.baseUrl });

function run(runId: string): readonly ['skyvern', 'runs', string];
function run(runId: string | null, client: Pick<Skyvern, 'baseUrl'>): DataTag<RunQueryKey, Run, SkyvernError>;
function run(runId: string | null, client?: Pick<Skyvern, 'baseUrl'>): readonly unknown[] {
  return client ? ['skyvern', 'runs', runId, identity(client)] : ['skyvern', 'runs', runId];
}

function browserSession(sessionId: string): readonly ['skyvern', 'browserSessions', string];
function browserSession(
  sessionId: string | null,
  client: Pick<Skyvern, 'baseUrl'>,
): DataTag<BrowserSessionQueryKey, BrowserSessionResponse, SkyvernError>;
function browserSession(sessionId: string | null, client?: Pick<Skyvern, 'baseUrl'>): readonly unknown[] {
  return client
    ? ['skyvern', 'browserSessions', sessionId, identity(client)]
    : ['skyvern', 'browserSessions', sessionId];
}

/**
 * Query keys of everything the hooks cache, layered so that one
 * `queryClient.invalidateQueries({ queryKey: skyvernKeys.runs() })` reaches every run:
 *
 *   skyvernKeys.all                          ['skyvern']
 *   skyvernKeys.runs()                       ['skyvern', 'runs']
 *   skyvernKeys.run(id)                      ['skyvern', 'runs', id]                  every client's entry (a filter)
 *   skyvernKeys.run(id, client)              ['skyvern', 'runs', id, { baseUrl }]     the entry of that client
 *   skyvernKeys.browserSessions()            ['skyvern', 'browserSessions']
 *   skyvernKeys.browserSession(id[, client]) ['skyvern', 'browserSessions', id[, { baseUrl }]]
 *
 * The entry key ends with the client's base URL, so a proxy client and a direct one (or two
 * environments) never read each other's runs. With the client, `run` and `browserSession` are
 * tagged with their data type: `queryClient.getQueryData(skyvernKeys.run(id, client))` is
 * `Run | undefined`. Without it they are prefixes, for invalidateQueries / cancelQueries.
 */
export const skyvernKeys = {
  all: ['skyvern'] as const,
  runs: () => ['skyvern', 'runs'] as const,
  run,
  browserSessions: () => ['skyvern', 'browserSessions'] as const,
  browserSession,
};
