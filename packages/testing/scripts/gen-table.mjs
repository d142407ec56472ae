#!/usr/bin/env node
// Writes src/generated/body-rules.ts from spec/skyvern-openapi.json: every operation of the spec
// with its success status, query parameter rules and the top-level rules of its request body
// (required fields, primitive JSON types, simple constraints). The simulator uses the table to
// route requests and to answer FastAPI-shaped 422s. `node scripts/gen-table.mjs --check` fails
// when the committed output is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const specPath = join(here, '../../../spec/skyvern-openapi.json');
const outPath = join(here, '../src/generated/body-rules.ts');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const schemas = spec.components.schemas;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const resolve = (s) => {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = schemas[cur.$ref.split('/').pop()];
  return cur;
};

/** The JSON types a schema admits at its top level, or undefined for "anything". */
function jsonTypes(schema) {
  const s = resolve(schema);
  if (!s || typeof s !== 'object') return undefined;
  const union = s.anyOf ?? s.oneOf;
  if (union) {
    const out = new Set();
    for (const member of union) {
      const t = jsonTypes(member);
      if (!t) return undefined;
      t.forEach((x) => out.add(x));
    }
    return [...out];
  }
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.const !== undefined)
    return [s.const === null ? 'null' : typeof s.const === 'number' ? 'number' : typeof s.const];
  if (Array.isArray(s.enum)) return [...new Set(s.enum.map((e) => (e === null ? 'null' : typeof e)))];
  if (s.properties) return ['object'];
  return undefined;
}

/** String enum values a string must be one of, when every string-typed member is an enum. */
function stringEnum(schema) {
  const s = resolve(schema);
  if (!s) return undefined;
  const members = s.anyOf ?? s.oneOf ?? [s];
  const values = [];
  for (const m of members) {
    const r = resolve(m);
    if (!r) return undefined;
    if (r.anyOf || r.oneOf) {
      const inner = stringEnum(r);
      if (inner === null) return null;
      if (inner) values.push(...inner);
      continue;
    }
    const t = jsonTypes(r);
    if (!t?.includes('string')) continue;
    if (Array.isArray(r.enum)) values.push(...r.enum.filter((e) => typeof e === 'string'));
    else if (typeof r.const === 'string') values.push(r.const);
    else return null; // a free string member: no restriction
  }
  return values.length ? values : undefined;
}

/** Simple numeric/length constraints, taken from the first member that has them. */
function constraints(schema) {
  const s = resolve(schema);
  const out = {};
  const members = s?.anyOf ?? s?.oneOf ?? [s];
  for (const m of members) {
    const r = resolve(m);
    if (!r) continue;
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
      if (typeof r[k] === 'number' && out[k] === undefined) out[k] = r[k];
    }
  }
  return out;
}

function propRule(schema) {
  const rule = {};
  const t = jsonTypes(schema);
  if (t) rule.types = t;
  const e = stringEnum(schema);
  if (e) rule.enum = e;
  Object.assign(rule, constraints(schema));
  return rule;
}

function queryRule(param) {
  const s = param.schema ?? {};
  const members = s.anyOf ?? [s];
  const nonNull = members.map(resolve).filter((m) => m && m.type !== 'null');
  const main = nonNull[0] ?? {};
  const rule = { name: param.name, type: main.type ?? 'string' };
  if (param.required) rule.required = true;
  if (s.default !== undefined) rule.default = s.default;
  if (main.type === 'array') {
    const items = resolve(main.items);
    if (items && Array.isArray(items.enum)) rule.itemEnum = items.enum;
    if (typeof main.maxItems === 'number') rule.maxItems = main.maxItems;
  } else {
    const e = stringEnum(s);
    if (e) rule.enum = e;
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength'])
      if (typeof main[k] === 'number') rule[k] = main[k];
  }
  return rule;
}

const ops = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const status = Number(Object.keys(op.responses).find((c) => /^2\d\d$/.test(c)));
    const entry = {
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      status,
      auth: (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'x-api-key'),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map(queryRule),
    };
    const content = op.requestBody?.content;
    if (content) {
      const kind = content['application/json'] ? 'json' : 'multipart';
      const media = content['application/json'] ?? content['multipart/form-data'];
      let bodySchema = resolve(media.schema);
      let nullable = false;
      if (bodySchema.anyOf) {
        nullable = bodySchema.anyOf.some((m) => m.type === 'null');
        bodySchema = resolve(bodySchema.anyOf.find((m) => m.type !== 'null'));
      }
      const props = {};
      for (const [name, prop] of Object.entries(bodySchema.properties ?? {})) props[name] = propRule(prop);
      entry.body = {
        kind,
        required: Boolean(op.requestBody.required) && !nullable,
        schema: media.schema.$ref ? media.schema.$ref.split('/').pop() : undefined,
        fields: bodySchema.required ?? [],
        props,
      };
    }
    ops.push(entry);
  }
}

const HEADER =
  '// Generated by packages/testing/scripts/gen-table.mjs from spec/skyvern-openapi.json. Do not edit.\n/* eslint-disable */\n';
const out =
  HEADER +
  `
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** Rules for one top-level property of a request body. */
export interface PropRule {
  readonly types?: readonly JsonType[];
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface BodyRule {
  readonly kind: 'json' | 'multipart';
  /** The body itself is required (a missing body answers 422 loc ["body"]). */
  readonly required: boolean;
  readonly schema?: string;
  /** Required top-level fields. */
  readonly fields: readonly string[];
  readonly props: Readonly<Record<string, PropRule>>;
}

export interface QueryRule {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  readonly required?: boolean;
  readonly default?: unknown;
  readonly enum?: readonly string[];
  readonly itemEnum?: readonly string[];
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface OperationSpec {
  readonly key: OperationKey;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly operationId: string;
  /** The success status code of the spec. */
  readonly status: number;
  /** The operation takes the x-api-key header. */
  readonly auth: boolean;
  readonly query: readonly QueryRule[];
  readonly body?: BodyRule;
}

export type OperationKey =
${ops.map((o) => `  | ${JSON.stringify(o.key)}`).join('\n')};

export const operations: readonly OperationSpec[] = [
${ops.map((o) => '  ' + JSON.stringify(o) + ',').join('\n')}
];
`;

if (process.argv.includes('--check')) {
  const current = readFileSync(outPath, 'utf8');
  if (current !== out) {
    console.error('src/generated/body-rules.ts is stale: run node packages/testing/scripts/gen-table.mjs');
    process.exit(1);
  }
  console.log(`body-rules.ts is up to date (${ops.length} operations)`);
} else {
  writeFileSync(outPath, out);
  console.log(`wrote ${outPath} (${ops.length} operations)`);
}
