#!/usr/bin/env node
// Writes the README's API table (every client method, its HTTP call and its retry
// policy) from the generated operation table. `--check` fails when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';

// One row per descriptor of the operation table: [name, method, path, idempotent, paginated].
const operationsSource = readFileSync('packages/core/src/generated/operations.ts', 'utf8');
const routes = [
  ...operationsSource.matchAll(
    /^const (\w+)Route: OperationDescriptor = \{"name":"\w+","method":"(\w+)","path":"([^"]+)"(.*)\};$/gm,
  ),
].map(([, name, method, path, rest]) => [
  name,
  method,
  path,
  !rest.includes('"idempotent":false'),
  rest.includes('"paginated":'),
]);
// Operations the spec marks x-hidden (scripts/generate.mjs tags their descriptors @experimental).
const experimental = new Set(
  [...operationsSource.matchAll(/@experimental[^\n]*\n \*\/\nexport const (\w+)/g)].map((m) => m[1]),
);
// Methods that are not one spec operation each.
const extra = [
  ['getArtifact', 'GET', '/v1/artifacts/{artifact_id}', true, false, 'served by Skyvern, absent from the spec'],
  ['waitForRun', 'GET', '/v1/runs/{run_id} (polled)', true, false, 'resolves with the terminal run'],
  ['watchRun', 'GET', '/v1/runs/{run_id} (polled)', true, false, 'async iterator of changes'],
  ['verifyWebhook', '—', '—', true, false, 'WebCrypto, no request'],
];
// The generator names each paginated operation's iterator so.
const iterators = Object.fromEntries(
  routes.filter((r) => r[4]).map(([name]) => [name, name.replace(/^(get|list)/, 'iter')]),
);
const waits = new Set(['runTask', 'runWorkflow', 'login']);
const policy = (idempotent, method) =>
  idempotent
    ? 'safe: network, timeout, 408/429/5xx'
    : `${method === 'POST' ? 'creates' : 'acts once'}: 429 and refused connection only`;

const row = ([name, method, path, idempotent]) => {
  const notes = [];
  if (waits.has(name)) notes.push('`waitForCompletion`');
  if (iterators[name]) notes.push(`pages: \`${iterators[name]}\``);
  if (name === 'uploadFile') notes.push('multipart `file`, ≤ 10 MB');
  if (name === 'getArtifactContent') notes.push('answers a Blob');
  if (name === 'createWorkflow')
    notes.push(
      'sends an `Idempotency-Key` (the same on every attempt, or `idempotencyKey`), so it retries safely; 409 "in progress" is retried',
    );
  if (name === 'deleteBrowserProfile') notes.push('a 404 on a repeat after a lost answer resolves as done');
  return `| \`${name}\` | ${method} \`${path}\` | ${policy(idempotent, method)} | ${notes.join(', ')} |`;
};
const stableRows = [
  ...routes.filter(([name]) => !experimental.has(name)).map(row),
  ...extra.map(
    ([name, method, path, idempotent, , note]) =>
      `| \`${name}\` | ${method === '—' ? '—' : `${method} \`${path}\``} | ${method === '—' ? '—' : policy(idempotent, method)} | ${note} |`,
  ),
];
const experimentalRows = routes.filter(([name]) => experimental.has(name)).map(row);
const rows = [...stableRows, ...experimentalRows];
const header = ['| Method | HTTP | Retried on | Notes |', '|---|---|---|---|'];
const table = [
  `${routes.length} operations of the spec plus ${extra.length} helpers; each is also exported as a function taking the client first.`,
  '',
  ...header,
  ...stableRows,
  '',
  `### Experimental (x-hidden in the spec): ${experimentalRows.length} operations`,
  '',
  'Typed and callable like the rest, marked `@experimental` in their JSDoc, and **outside the semver',
  'guarantees**: Skyvern marks them internal, so they may change or disappear in a minor release.',
  '',
  ...header,
  ...experimentalRows,
].join('\n');

const readme = readFileSync('README.md', 'utf8');
const start = '<!-- api-table:start -->';
const end = '<!-- api-table:end -->';
const at = readme.indexOf(start);
const until = readme.indexOf(end);
if (at < 0 || until < 0) throw new Error('README.md lacks the api-table markers');
const next = `${readme.slice(0, at + start.length)}\n${table}\n${readme.slice(until)}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README API table is stale: run `node scripts/api-table.mjs`');
    process.exit(1);
  }
  console.log(`README API table: ${rows.length} methods, up to date`);
} else {
  writeFileSync('README.md', next);
  console.log(`README API table: ${rows.length} methods written`);
}
