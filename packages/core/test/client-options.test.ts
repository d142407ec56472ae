import { describe, expect, it } from 'vitest';
import { Skyvern, ValidationError } from '../src/index.js';
import { json, stubFetch } from './helpers.js';

const SECRET = 'sk-live-9f8e7d6c5b4a';

function thrown(make: () => unknown): ValidationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('apiKey and headers must be header values, checked before any request', () => {
  it('refuses a key with a line break, a control character or a non-Latin-1 character, never echoing it', () => {
    for (const apiKey of [`${SECRET}\n`, `${SECRET}\r\nx-evil: 1`, `${SECRET}\0`, `${SECRET}€`]) {
      const error = thrown(() => new Skyvern({ apiKey, fetch: stubFetch(async () => json({})).fetch }));
      expect(error.field).toBe('apiKey');
      expect(error.message).toMatch(/valid header value/);
      const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
      expect(everything).not.toContain('sk-live');
    }
  });

  it('refuses header values with CR/LF and invalid header names, naming the header', () => {
    const error = thrown(() => new Skyvern({ apiKey: SECRET, headers: { 'x-team': `a\r\nx-api-key: ${SECRET}` } }));
    expect(error.field).toBe('headers.x-team');
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(SECRET);
    expect(thrown(() => new Skyvern({ apiKey: SECRET, headers: { 'bad name': 'v' } })).field).toBe('headers');
  });

  it('accepts what fetch accepts and sends it', async () => {
    const { fetch, calls } = stubFetch(async () => json({ run_id: 'tsk_1', status: 'queued', run_type: 'task_v2' }));
    const client = new Skyvern({ apiKey: SECRET, headers: { 'x-team': 'growth\tteam é' }, fetch });
    await client.getRun('tsk_1');
    expect(calls[0]!.headers.get('x-team')).toBe('growth\tteam é');
    expect(calls[0]!.headers.get('x-api-key')).toBe(SECRET);
  });
});

describe('withOptions', () => {
  it('honours a new environment instead of the stored baseUrl', () => {
    const client = new Skyvern({ apiKey: SECRET });
    expect(client.baseUrl).toBe('https://api.skyvern.com');
    expect(client.withOptions({ environment: 'staging' }).baseUrl).toBe('https://api-staging.skyvern.com');
    expect(client.withOptions({ environment: 'local' }).baseUrl).toBe('http://localhost:8000');
  });

  it('keeps an explicit baseUrl given with it, and the old one when neither changes', () => {
    const client = new Skyvern({ apiKey: SECRET, baseUrl: 'https://proxy.example/skyvern' });
    expect(client.withOptions({ timeout: 5_000 }).baseUrl).toBe('https://proxy.example/skyvern');
    expect(client.withOptions({ environment: 'staging', baseUrl: 'https://other.example' }).baseUrl).toBe(
      'https://other.example',
    );
  });
});
