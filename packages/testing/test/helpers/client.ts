import type { Simulator } from '@skyvern-edge/testing';

/** A tiny JSON client over sim.fetch for the tests. */
export function client(sim: Simulator, apiKey = sim.apiKey) {
  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { 'x-api-key': apiKey, ...extra };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await sim.fetch(path, init);
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    call,
    get: (path: string, extra?: Record<string, string>) => call('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => call('POST', path, body, extra),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    patch: (path: string, body?: unknown) => call('PATCH', path, body),
    del: (path: string, body?: unknown) => call('DELETE', path, body),
  };
}

export const workflowDefinition = (title: string, labels: string[] = ['open_page']) => ({
  json_definition: {
    title,
    workflow_definition: {
      parameters: [{ parameter_type: 'workflow', key: 'url', workflow_parameter_type: 'string' }],
      blocks: labels.map((label) => ({
        block_type: 'task',
        label,
        url: '{{ url }}',
        navigation_goal: `Do ${label}`,
        parameter_keys: ['url'],
      })),
    },
  },
});

/** A manual clock for the `now` option. */
export function manualClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    set: (ms: number) => {
      t = ms;
    },
  };
}
