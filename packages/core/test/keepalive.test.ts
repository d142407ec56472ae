import { describe, expect, it } from 'vitest';
import { Skyvern, ValidationError } from '../src/index.js';
import { json } from './helpers.js';

// { keepalive: true }: the last call of a page (closing a browser session on pagehide) may outlive it.
describe('the keepalive request option', () => {
  const seen: boolean[] = [];
  const skyvern = new Skyvern({
    apiKey: 'sk-test',
    baseUrl: 'https://api.example.test',
    fetch: async (input: Request, init?: RequestInit) => {
      seen.push(new Request(input, init).keepalive);
      return json({ browser_session_id: 'pbs_1', organization_id: 'o_1', status: 'closed' });
    },
  });

  it('reaches fetch as Request.keepalive only when asked for', async () => {
    seen.length = 0;
    await skyvern.closeBrowserSession('pbs_1', { keepalive: true });
    await skyvern.closeBrowserSession('pbs_1');
    await skyvern.closeBrowserSession('pbs_1', { keepalive: false });
    expect(seen).toEqual([true, false, false]);
  });

  it('must be a boolean, refused before any request', async () => {
    seen.length = 0;
    const error = await skyvern.closeBrowserSession('pbs_1', { keepalive: 'yes' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('options.keepalive');
    expect(seen).toEqual([]);
  });
});
