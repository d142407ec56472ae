// Issue 18: one generated operation table is the single source of the Skyvern class, the exported
// functions, the token proxy's routes and the simulator's; each is checked here against the others
// through the public API.
import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it } from 'vitest';
import { specCalls } from '../../../tests/contract/spec-samples.js';
import { operationList } from '../src/generated/operations.js';
import * as core from '../src/index.js';
import { createSkyvernProxy, type ProxyOperation } from '../src/proxy.js';
import { json, makeClient, stubFetch } from './helpers.js';

const calls = specCalls();
const fn = (name: string) => (core as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
const iterator = (name: string) => name.replace(/^(get|list)/, 'iter');

/** The arguments a method takes for one spec call: its ids, its request object, nothing else. */
const argsOf = (call: (typeof calls)[number]) => [
  ...call.pathArgs,
  ...(call.name === 'uploadFile' ? [new Uint8Array([1])] : call.params !== undefined ? [call.params] : []),
];

describe('the operation table', () => {
  it('has one entry per operation of the spec, in the spec order', () => {
    expect(operationList.map((d) => `${d.method} ${d.path}`)).toEqual(
      calls.map((c) => `${c.method} ${c.pathTemplate}`),
    );
  });

  it('gives every operation a method and an exported function, and every paginated one an iterator', () => {
    const paginated = operationList.filter((d) => d.paginated);
    expect(paginated.map((d) => iterator(d.name)).sort()).toEqual(
      Object.keys(core)
        .filter((k) => k.startsWith('iter'))
        .sort(),
    );
    for (const d of operationList) {
      expect(typeof fn(d.name), d.name).toBe('function');
      expect(typeof (core.Skyvern.prototype as never)[d.name], d.name).toBe('function');
      if (!d.paginated) continue;
      expect(typeof fn(iterator(d.name)), iterator(d.name)).toBe('function');
      expect(typeof (core.Skyvern.prototype as never)[iterator(d.name)], iterator(d.name)).toBe('function');
    }
  });

  for (const call of calls) {
    it(`${call.name}: the method built from the table sends what the exported function sends`, async () => {
      const { fetch, calls: sent } = stubFetch(async () =>
        call.successStatus === 204 ? new Response(null, { status: 204 }) : json({ run_id: 'r', status: 'queued' }),
      );
      const client = makeClient(fetch);
      const args = argsOf(call);
      await (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[call.name]!(...args).catch(
        () => undefined,
      );
      await Promise.resolve(fn(call.name)!(client, ...args)).catch(() => undefined);
      expect(sent).toHaveLength(2);
      const [viaMethod, viaFunction] = sent.map((r) => ({
        method: r.method,
        url: r.url.pathname + r.url.search,
        type: r.headers.get('content-type')?.split(';')[0],
        body: r.headers.get('content-type')?.startsWith('multipart/') ? 'form' : r.body,
      }));
      expect(viaMethod!.url.split('?')[0]).toBe(call.expectedPath);
      expect(viaMethod).toEqual(viaFunction);
    });
  }

  it('pages through the same iterator as a method and as a function', async () => {
    const pages = [[{ id: 1 }, { id: 2 }], [{ id: 3 }]];
    const { fetch, calls: sent } = stubFetch(async (req) =>
      json(pages[Number(req.url.searchParams.get('page')) - 1] ?? []),
    );
    const client = makeClient(fetch);
    const viaMethod: unknown[] = [];
    for await (const item of client.iterFolders({ page_size: 2 })) viaMethod.push(item);
    const viaFunction: unknown[] = [];
    for await (const item of core.iterFolders(client, { page_size: 2 })) viaFunction.push(item);
    expect(viaMethod).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(viaFunction).toEqual(viaMethod);
    expect(sent.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '1', '2']);
  });

  it("routes every operation through the token proxy by the table's name", async () => {
    const seen: ProxyOperation[] = [];
    const proxy = createSkyvernProxy({
      apiKey: 'sk-proxy-test',
      basePath: '/api',
      allow: (operation) => {
        seen.push(operation);
        return false;
      },
      fetch: async () => json({}),
    });
    for (const call of calls) {
      // Plain ids: the proxy refuses an encoded slash before it names the operation.
      const path = call.pathTemplate.replace(/\{\w+\}/g, 'id_1');
      seen.length = 0;
      await proxy(new Request(`http://app.test/api${path}`, { method: call.method }));
      expect(
        seen.map((o) => o.name),
        `${call.method} ${path}`,
      ).toEqual([call.name]);
    }
  });

  it("is the simulator's route list too: the simulator serves every operation of the table", async () => {
    const sim = createSimulator();
    for (const call of calls) {
      const answer = await sim.fetch(
        new Request(`http://sim.test${call.expectedPath}`, {
          method: call.method,
          headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
          body: call.method === 'GET' ? undefined : JSON.stringify(call.params ?? {}),
        }),
      );
      const body = await answer.text();
      // A 404 for an id the simulator never made is an answer; an unknown route is `Not Found`, a wrong method 405.
      expect(answer.status, `${call.method} ${call.expectedPath}`).not.toBe(405);
      expect(
        answer.status === 404 && JSON.parse(body).detail === 'Not Found',
        `${call.method} ${call.expectedPath}`,
      ).toBe(false);
    }
  });
});
