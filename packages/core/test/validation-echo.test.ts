import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { json, makeClient, stubFetch } from './helpers.js';

// A ValidationError names the field and the kind of value, never the value: user strings carry secrets.
describe('validation messages do not echo what the caller passed', () => {
  it('a webhook_url with user:password@ that is not a URL is refused without printing it', async () => {
    const { fetch, calls } = stubFetch(json({}));
    const error = await makeClient(fetch)
      .runTask({ prompt: 'p', webhook_url: 'https://admin:hunter2-secret@hooks example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'webhook_url' });
    const text = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)}`;
    expect(text).not.toContain('hunter2');
    expect((error as Error).message).toMatch(/webhook_url must be a valid URL \(received string\)/);
    expect(calls).toHaveLength(0);
  });

  it('a string that breaks a pattern or length is described by kind, a number is still shown', async () => {
    const { fetch } = stubFetch(json({}));
    const client = makeClient(fetch);
    const wrongType: Error = await client.runTask({ prompt: 'p', max_steps: 'token-abc123' as never }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(wrongType.message).not.toContain('token-abc123');
    expect(wrongType.message).toContain('(received string)');
    const range: Error = await client.createBrowserSession({ timeout: 2 }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(range.message).toContain('(received 2)');
  });
});
