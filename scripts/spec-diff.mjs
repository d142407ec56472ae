// What changed between two OpenAPI specs, as Markdown: operations, parameters, statuses, schema
// fields and enum values added, removed or changed. `pnpm generate --diff OLD NEW` prints it.
import { readFileSync } from 'node:fs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function operationsOf(spec) {
  const out = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {}))
    for (const m of METHODS)
      if (item[m]) out.set(item[m].operationId, { key: `${m.toUpperCase()} ${path}`, op: item[m] });
  return out;
}

/** Added / removed / changed keys of two records, sorted. */
function keyDiff(a = {}, b = {}) {
  const added = Object.keys(b).filter((k) => !(k in a));
  const removed = Object.keys(a).filter((k) => !(k in b));
  const changed = Object.keys(b).filter((k) => k in a && !same(a[k], b[k]));
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

const list = (label, items, fmt = (x) => `\`${x}\``) => (items.length ? [`${label} ${items.map(fmt).join(', ')}`] : []);

function operationChanges(a, b) {
  const lines = [];
  const params = (op) => Object.fromEntries((op.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
  const p = keyDiff(params(a), params(b));
  lines.push(...list('parameters added:', p.added), ...list('parameters removed:', p.removed));
  lines.push(...list('parameters changed:', p.changed));
  const r = keyDiff(a.responses, b.responses);
  lines.push(...list('statuses added:', r.added), ...list('statuses removed:', r.removed));
  if (!same(a.requestBody, b.requestBody)) lines.push('request body changed');
  if (Boolean(a['x-hidden']) !== Boolean(b['x-hidden']))
    lines.push(b['x-hidden'] ? 'now x-hidden' : 'no longer x-hidden');
  if (a['x-fern-sdk-method-name'] !== b['x-fern-sdk-method-name'])
    lines.push(`x-fern-sdk-method-name: ${a['x-fern-sdk-method-name'] ?? '—'} → ${b['x-fern-sdk-method-name'] ?? '—'}`);
  if (!lines.length && !same(a, b)) lines.push('descriptions or examples only');
  return lines;
}

function schemaChanges(a, b) {
  const lines = [];
  const f = keyDiff(a.properties, b.properties);
  const required = new Set(b.required ?? []);
  lines.push(...list('fields added:', f.added, (k) => `\`${k}\`${required.has(k) ? ' (required)' : ''}`));
  lines.push(...list('fields removed:', f.removed), ...list('fields changed:', f.changed));
  const ea = a.enum ?? [];
  const eb = b.enum ?? [];
  lines.push(
    ...list(
      'enum values added:',
      eb.filter((v) => !ea.includes(v)),
    ),
  );
  lines.push(
    ...list(
      'enum values removed:',
      ea.filter((v) => !eb.includes(v)),
    ),
  );
  const ra = new Set(a.required ?? []);
  lines.push(
    ...list(
      'now required:',
      [...required].filter((k) => !ra.has(k) && !f.added.includes(k)),
    ),
  );
  lines.push(
    ...list(
      'no longer required:',
      [...ra].filter((k) => !required.has(k)),
    ),
  );
  if (!lines.length) lines.push('descriptions, defaults or nested shapes only');
  return lines;
}

export function specDiff(oldSpec, newSpec) {
  const A = operationsOf(oldSpec);
  const B = operationsOf(newSpec);
  const sa = oldSpec.components?.schemas ?? {};
  const sb = newSpec.components?.schemas ?? {};
  const hidden = [...B.values()].filter((o) => o.op['x-hidden']).length;
  const out = [
    `# Spec changes: ${oldSpec.info?.version ?? '?'} → ${newSpec.info?.version ?? '?'}`,
    '',
    `Operations ${A.size} → ${B.size} (${hidden} x-hidden); schemas ${Object.keys(sa).length} → ${Object.keys(sb).length}.`,
    '',
    '## Operations added',
    ...[...B]
      .filter(([id]) => !A.has(id))
      .map(([id, o]) => `- ${o.key} (\`${id}\`${o.op['x-hidden'] ? ', x-hidden' : ''})`),
    '',
    '## Operations removed',
    ...[...A].filter(([id]) => !B.has(id)).map(([id, o]) => `- ${o.key} (\`${id}\`)`),
    '',
    '## Operations changed',
  ];
  for (const [id, o] of B) {
    const before = A.get(id);
    if (!before || same(before.op, o.op)) continue;
    out.push(`- ${o.key}: ${operationChanges(before.op, o.op).join('; ')}`);
  }
  out.push(
    '',
    '## Schemas added',
    ...Object.keys(sb)
      .filter((k) => !sa[k])
      .map((k) => `- \`${k}\``),
  );
  out.push(
    '',
    '## Schemas removed',
    ...Object.keys(sa)
      .filter((k) => !sb[k])
      .map((k) => `- \`${k}\``),
  );
  out.push('', '## Schemas changed');
  for (const k of Object.keys(sb))
    if (sa[k] && !same(sa[k], sb[k])) out.push(`- \`${k}\`: ${schemaChanges(sa[k], sb[k]).join('; ')}`);
  return `${out.join('\n')}\n`;
}

export function specDiffFiles(oldPath, newPath) {
  return specDiff(JSON.parse(readFileSync(oldPath, 'utf8')), JSON.parse(readFileSync(newPath, 'utf8')));
}
