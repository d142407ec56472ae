// Validates responses against spec/skyvern-openapi.json with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const spec: any = JSON.parse(
  readFileSync(new URL('../../../../spec/skyvern-openapi.json', import.meta.url), 'utf8'),
);
const schemas: Record<string, any> = spec.components.schemas;
const SPEC_ID = 'https://spec.skyvern.local/openapi.json';

/** Rewrites `#/components/schemas/X` refs to `$defs` of one registered schema. */
function rewrite(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, prefix));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
      out[k] = `${prefix}#/$defs/${v.slice('#/components/schemas/'.length)}`;
    else out[k] = rewrite(v, prefix);
  }
  return out;
}

// `discriminator` (OpenAPI) and `example` are annotations ajv does not know: strict mode off.
const AjvClass = (Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020;
const ajv = new AjvClass({ strict: false, allErrors: true });
const formats = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
formats(ajv);
ajv.addSchema({ $id: SPEC_ID, $defs: rewrite(schemas, '') as Record<string, unknown> });

const cache = new Map<string, ValidateFunction>();

export interface SpecOperation {
  key: string;
  method: string;
  path: string;
  operation: any;
  /** The success status (200, 201 or 204). */
  status: number;
  /** The JSON schema of the success body, if the spec gives one. */
  schema?: unknown;
}

export const specOperations: SpecOperation[] = [];
for (const [path, item] of Object.entries<any>(spec.paths)) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const operation = item[method];
    if (!operation) continue;
    const status = Number(Object.keys(operation.responses).find((c) => /^2\d\d$/.test(c)));
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    specOperations.push({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operation,
      status,
      ...(schema ? { schema } : {}),
    });
  }
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(rewrite(schema, SPEC_ID) as object);
    cache.set(key, v);
  }
  return v;
}

/** Errors of `body` against a named component schema (empty when valid). */
export function validateSchema(name: string, body: unknown): string[] {
  if (!schemas[name]) throw new Error(`No schema ${name}`);
  const v = validatorFor(`#${name}`, { $ref: `#/components/schemas/${name}` });
  return v(body)
    ? []
    : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Errors of a success `body` against the spec's response schema of an operation (empty when valid). */
export function validateResponse(key: string, body: unknown): string[] {
  const op = specOperations.find((o) => o.key === key);
  if (!op) throw new Error(`No operation ${key}`);
  if (!op.schema) return [];
  const v = validatorFor(key, op.schema);
  return v(body)
    ? []
    : (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** A minimal value for a schema: required properties only, first enum / union member, minimum lengths. */
export function minimalValue(schema: any, depth = 0): unknown {
  if (depth > 8 || !schema || typeof schema !== 'object') return null;
  if (schema.$ref) return minimalValue(schemas[schema.$ref.split('/').pop()], depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return minimalValue(union.find((m: any) => m.type !== 'null') ?? union[0], depth + 1);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = minimalValue(schema.properties?.[name] ?? {}, depth + 1);
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date-time' ? '2030-01-01T00:00:00Z' : 'x'.repeat(Math.max(3, schema.minLength ?? 0));
    default:
      return schema.properties ? minimalValue({ ...schema, type: 'object' }, depth) : null;
  }
}

/** The minimal JSON body of an operation's request, from the spec. */
export function minimalBody(key: string): Record<string, any> | undefined {
  const op = specOperations.find((o) => o.key === key);
  const media = op?.operation.requestBody?.content?.['application/json'];
  if (!media) return undefined;
  const value = minimalValue(media.schema);
  return value && typeof value === 'object' ? (value as Record<string, any>) : {};
}
