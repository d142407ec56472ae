// Size budgets enforced in CI (scripts/test-budgets.sh): `size-limit` fails the build
// when a bundle grows past its limit, printing the size. A JS config (not JSON) so the
// bundles are built exactly as `pnpm bench` builds them: esbuild, minified, ESM,
// browser platform, es2022, then gzip -9 (size-limit's own default would be an IIFE
// measured with brotli). kB here is 1,000 bytes, as size-limit counts.
//
// The goals of issue 18 — (a) 13 kB, (a′) 16 kB, (b) 22 kB — are out of reach while ky alone takes
// 8 kB of each (`pnpm bench` prints the breakdown): each budget is the size measured with the one
// operation table, rounded up to the next 0.5 kB, so CI catches growth. Lower them as the gap closes.
import { ESBUILD_OPTIONS } from './lib/bundle.mjs';
import { REACT_EXTERNAL, reactEntry } from './lib/prepare.mjs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const modifyEsbuildConfig = (config) => ({ ...config, ...ESBUILD_OPTIONS, metafile: true, write: true });

export default [
  {
    name: '(a) SkyvernClient + getRun + waitForRun (goal 13 kB)',
    path: 'entries/a-slim.js',
    // 16.34 kB measured (16.87 kB before issue 18): query parameters flagged in the field rows, the response
    // fields checked by one valibot custom check instead of object schemas.
    limit: '16.5 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
  {
    name: '(a′) Skyvern class + getRun + waitForRun (goal 16 kB)',
    path: 'entries/a-full-class.js',
    // 24.16 kB measured (23.64 kB after issue 18's first round with hand field checks, 25.49 kB with the 100
    // wrappers and a valibot schema per operation): the operation table (its route objects apart so the proxy
    // carries no field checks), the hand-written methods (verifyWebhook, uploadFile, watchRun) and the valibot
    // pieces every operation's lazily built schema may use.
    limit: '24.5 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
  {
    name: '(b) all of @skyvern-edge/core',
    path: 'entries/b-all.js',
    // 26.04 kB measured (26.84 kB before the one operation table).
    limit: '26.5 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
  {
    name: '(c) @skyvern-edge/react, own code (peers external)',
    path: relative(here, reactEntry().path),
    ignore: REACT_EXTERNAL,
    // 4 kB, the goal (measured 3.99 kB in the bench, was 2.81): issue 14's react-query provider and copy
    // check, the hook-held mutation state, stopped / outcome-unknown states, the declarative start, and
    // sessions closed on unmount, pagehide and Activity; the poll-error policy is the core's.
    limit: '4 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
];
