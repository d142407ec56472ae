// Types for the tests that read the generator's hand decisions.
export const nameOverrides: Record<string, string>;
export const idempotentPosts: Set<string>;
export const retryDecisions: Record<string, { retry: 'safe' | 'creates'; reason: string }>;
export const fieldOverrides: Record<string, { minimum?: number; maximum?: number }>;
export const urlFields: Set<string>;
export const stableDespiteHidden: Record<string, string>;
export const handWrittenOperations: Record<string, string>;
