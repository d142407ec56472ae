// Size budgets enforced in CI (scripts/test-budgets.sh): `size-limit` fails the build
// when a bundle grows past its limit, printing the size. A JS config (not JSON) so the
// bundles are built exactly as `pnpm bench` builds them: esbuild, minified, ESM,
// browser platform, es2022, then gzip -9 (size-limit's own default would be an IIFE
// measured with brotli). kB here is 1,000 bytes, as size-limit counts.
//
// (a) has a goal of 13 kB that it misses today (14.7 kB): its budget is the current
// size rounded up to the next 0.5 kB, so CI catches growth while the gap is worked on;
// `pnpm bench` prints the goal miss. Lower it to "13 kB" once the goal is met.
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
    // 16 kB + 0.5 kB + 0.5 kB: the idle-timeout body stream, the SDK's own retry loop (ky's retry code
    // stays bundled though off), the error brands and classes (issue 13).
    limit: '17 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
  {
    name: '(b) all of @skyvern-edge/core',
    path: 'entries/b-all.js',
    // 25.5 kB + 1.5 kB: the proxy's node-free parts reachable from the index and the spec's four new operations.
    limit: '27 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
  {
    name: '(c) @skyvern-edge/react, own code (peers external)',
    path: relative(here, reactEntry().path),
    ignore: REACT_EXTERNAL,
    // 4 kB + 0.5 kB (measured 3.96 kB, was 2.81): issue 14's react-query provider and copy check, the
    // hook-held mutation state, stopped / outcome-unknown states, the declarative start, and sessions
    // closed on unmount, pagehide and Activity.
    limit: '4.5 kB',
    gzip: true,
    modifyEsbuildConfig,
  },
];
