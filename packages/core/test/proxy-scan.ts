import { afterEach, expect } from 'vitest';

/**
 * Keeps a copy of every answer a proxy gives during a test and, after it, checks
 * that the key is in none of them, body or header.
 */
export function scanAnswersFor(key: string) {
  const answers: Response[] = [];
  afterEach(async () => {
    for (const response of answers.splice(0)) {
      expect(await response.text()).not.toContain(key);
      for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toContain(key);
    }
  });
  return (response: Response): Response => {
    answers.push(response.clone());
    return response;
  };
}
