import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  isApiError,
  isSkyvernError,
  NotFoundError,
  PaymentRequiredError,
  RangeNotSatisfiableError,
  UnexpectedResponseError,
} from '../src/index.js';
import { json, makeClient, refused, stubFetch } from './helpers.js';

describe('errors that debug themselves', () => {
  it('an ApiError names its operation, method and path template', async () => {
    const { fetch } = stubFetch(json({ detail: 'Run not found' }, 404));
    const error = await makeClient(fetch)
      .getRun('tsk_9')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operation: 'getRun', method: 'GET', path: '/v1/runs/{run_id}' });
    expect((error as ApiError).toJSON()).toMatchObject({ operation: 'getRun', path: '/v1/runs/{run_id}' });
  });

  it('a 2xx without the fields the SDK relies on is an UnexpectedResponseError, not an ApiError(200)', async () => {
    const { fetch } = stubFetch(json({ status: 'running' }));
    const error = await makeClient(fetch)
      .getRun('tsk_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, operation: 'getRun', body: { status: 'running' } });
    expect((error as Error).message).toMatch(/^getRun: the response lacks fields/);
  });

  it('a 2xx that is not JSON is an UnexpectedResponseError too', async () => {
    const { fetch } = stubFetch(new Response('<html>portal</html>', { headers: { 'content-type': 'text/html' } }));
    await expect(makeClient(fetch).getRun('tsk_1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('toJSON keeps the cause code (ECONNREFUSED), never the request', async () => {
    const { fetch } = stubFetch(refused());
    const error = await makeClient(fetch, { maxRetries: 0 })
      .getRun('tsk_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const data = JSON.parse(JSON.stringify(error));
    expect(data.cause).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('402 and 416 have their own classes', async () => {
    const a = stubFetch(json({ detail: 'Out of credits' }, 402));
    await expect(makeClient(a.fetch).runTask({ prompt: 'p' })).rejects.toBeInstanceOf(PaymentRequiredError);
    const b = stubFetch(json({ detail: 'Range not satisfiable' }, 416, { 'content-range': 'bytes */10' }));
    const error = await makeClient(b.fetch)
      .getArtifactContent('a_1', { headers: { range: 'bytes=50-' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeNotSatisfiableError);
    expect(error).toMatchObject({ status: 416, operation: 'getArtifactContent' });
  });

  it('isSkyvernError / isApiError work where instanceof does not (another realm, another copy)', async () => {
    const { fetch } = stubFetch(json({ detail: 'nope' }, 404));
    const error = await makeClient(fetch)
      .getRun('tsk_1')
      .catch((e: unknown) => e);
    // A structured clone into another realm keeps no prototype; a copy of the class from another
    // bundle has the same Symbol.for brand on its prototype.
    const otherCopy = Object.create(
      runInNewContext(`const p = {}; Object.defineProperty(p, Symbol.for('skyvern-edge.error'), { value: true });
        Object.defineProperty(p, Symbol.for('skyvern-edge.api-error'), { value: true }); p`),
    );
    expect(otherCopy instanceof ApiError).toBe(false);
    expect(isSkyvernError(otherCopy)).toBe(true);
    expect(isApiError(otherCopy)).toBe(true);
    expect(isSkyvernError(error)).toBe(true);
    expect(isApiError(error)).toBe(true);
    expect(isApiError(new ConnectionError())).toBe(false);
    expect(isSkyvernError(new Error('x'))).toBe(false);
    expect(isSkyvernError(null)).toBe(false);
  });
});
