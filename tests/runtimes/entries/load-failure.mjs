// The result an entry reports when the packages cannot even be loaded or the scenario throws.
export function loadFailure(runtime, error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    runtime,
    ok: false,
    ms: 0,
    steps: [{ leg: 'load', name: 'import the built packages and run', ok: false, error: message.slice(0, 500) }],
  };
}
