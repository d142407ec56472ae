import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's demo, run as a user runs it (built packages, a real child process).
const demo = fileURLToPath(new URL('../../examples/demo/demo.mjs', import.meta.url));

function runDemo(args: string[], interruptAfterMs?: number) {
  return new Promise<{ out: string; code: number | null }>((resolve) => {
    const env = { ...process.env, SKYVERN_API_KEY: '' };
    const child = spawn(process.execPath, [demo, ...args], { env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    if (interruptAfterMs) {
      child.stdout.on('data', () => {
        if (out.includes('running') && !child.killed) setTimeout(() => child.kill('SIGINT'), interruptAfterMs);
      });
    }
    child.on('close', (code) => resolve({ out, code }));
  });
}

describe('pnpm demo (against the embedded simulator)', () => {
  it('shows the run live, then the output and the app URL', async () => {
    const { out, code } = await runDemo(['--speed=2']);
    expect(code).toBe(0);
    expect(out).toMatch(/local simulator at http:\/\/127\.0\.0\.1:\d+/);
    const order = ['started', 'running', 'completed'].map((word) => out.indexOf(word));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(out).toMatch(/running\s+· step \d+/);
    expect(out).toMatch(/✓ completed in \d+\.\d s after \d+ steps/);
    expect(out).toMatch(/output: \{/);
    expect(out).toMatch(/app: +https:\/\/app\.skyvern\.com\/runs\/tsk_/);
  });

  it('Ctrl-C cancels the run and exits without a stack trace', async () => {
    const { out, code } = await runDemo([], 100);
    expect(out).toMatch(/interrupted: run tsk_\S+ is now canceled/);
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(130);
  });
});
