/** Markdown report of what changed between two OpenAPI specs. */
export function specDiff(oldSpec: unknown, newSpec: unknown): string;
export function specDiffFiles(oldPath: string, newPath: string): string;
