/**
 * Reads an environment variable where the runtime has an environment (Node, Bun,
 * Deno with --allow-env). Workers and browsers have none: undefined, never a throw.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?(key: string): string | undefined } };
  };
  try {
    const value = g.process?.env?.[name] ?? g.Deno?.env?.get?.(name);
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws NotCapable: treat as unset.
    return undefined;
  }
}

/** A page with a DOM: the one place an API key must not be shipped to. */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window !== 'undefined' && typeof g.document !== 'undefined';
}

/**
 * Cloudflare Workers: they reject `cache: 'no-store'` under compatibility dates
 * before 2024-11-11, and do not cache subrequests anyway.
 */
export function isWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';
}
