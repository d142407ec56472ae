// Builds, from the spec alone, a minimal valid call for every operation: the
// contract tests check the client against the spec, not against expectations
// written by hand.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as descriptors from '../../packages/core/src/generated/operations.js';
import type { OperationDescriptor } from '../../packages/core/src/internal/operation.js';

type Schema = Record<string, any>;
export const spec = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../spec/skyvern-openapi.json', import.meta.url)), 'utf8'),
);
const schemas: Record<string, Schema> = spec.components.schemas;

const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? schemas[s.$ref.split('/').pop()] : s);
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A minimal value that the schema accepts. */
export function sample(schema: Schema | undefined, key = '', depth = 0): unknown {
  const s = resolve(schema);
  if (!s || depth > 8) return {};
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return sample(variants.find((v: Schema) => v.type !== 'null') ?? variants[0], key, depth + 1);
  if (s.allOf) return sample(s.allOf[0], key, depth + 1);
  switch (s.type) {
    case 'string':
      if (s.pattern?.startsWith('^')) return s.pattern.slice(1).replace(/[\\$]/g, '') + 'sample';
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (/url/.test(key)) return 'https://example.com';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, key, depth + 1));
    case 'null':
      return null;
    default: {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sample(s.properties?.[name], name, depth + 1);
      // Discriminators (`type: 'ai_click'`) are often optional with a default, yet oneOf needs them.
      for (const [name, prop] of Object.entries<Schema>(s.properties ?? {}))
        if (prop.const !== undefined) out[name] = prop.const;
      return out;
    }
  }
}

export interface SpecCall {
  operationId: string;
  /** The client method the generator made of this operation. */
  name: string;
  descriptor: OperationDescriptor;
  method: string;
  pathTemplate: string;
  pathArgs: string[];
  expectedPath: string;
  params: Record<string, unknown> | undefined;
  requiredQuery: string[];
  bodySchema: Schema | undefined;
  bodyRequired: boolean;
  successStatus: number;
  successSchema: Schema | undefined;
}

/** One call per operation of the spec, with ids that need URL-encoding to prove the client encodes them. */
export function specCalls(): SpecCall[] {
  const calls: SpecCall[] = [];
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params: Schema[] = op.parameters ?? [];
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pathArgs = pathParams.map((name) => `${name}-1 /ü`);
      let expectedPath = path;
      pathParams.forEach(
        (name, i) => (expectedPath = expectedPath.replace(`{${name}}`, encodeURIComponent(pathArgs[i]!))),
      );
      const body = op.requestBody?.content?.['application/json']?.schema;
      const fields: Record<string, unknown> = {};
      let hasFields = false;
      if (body && op.requestBody.required) {
        Object.assign(fields, sample(body));
        hasFields = true;
      }
      const requiredQuery = params.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
      for (const p of params.filter((p) => p.in === 'query' && p.required)) {
        fields[p.name] = sample(p.schema, p.name);
        hasFields = true;
      }
      const success = Object.keys(op.responses).find((c) => /^2/.test(c))!;
      const descriptor = descriptorOf(method.toUpperCase(), path);
      calls.push({
        operationId: op.operationId,
        name: descriptor.name,
        descriptor,
        method: method.toUpperCase(),
        pathTemplate: path,
        pathArgs,
        expectedPath,
        params: hasFields ? fields : undefined,
        requiredQuery,
        bodySchema: body,
        bodyRequired: Boolean(body && op.requestBody.required),
        successStatus: Number(success),
        successSchema: op.responses[success]?.content?.['application/json']?.schema,
      });
    }
  }
  return calls;
}

/** The generated descriptor of the operation at this method and path template. */
export function descriptorOf(method: string, path: string): OperationDescriptor {
  const found = (Object.values(descriptors) as OperationDescriptor[]).find(
    (d) => d.method === method && d.path === path,
  );
  if (!found) throw new Error(`no descriptor for ${method} ${path}`);
  return found;
}

/** An ajv that knows every component schema of the spec. */
export function specValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const rewrite = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', 'spec#/$defs/'));
  ajv.addSchema({ $id: 'spec', $defs: rewrite(schemas) as object });
  return (schema: Schema, data: unknown) => {
    const validate = ajv.compile(rewrite(schema) as object);
    return validate(data) ? undefined : ajv.errorsText(validate.errors);
  };
}

export { camel };
