// The fields of each operation's request object as the spec declares them (JSON body
// properties, query parameters, header parameters under the SDK's names), reduced to what
// a bad-input test needs: the type, bounds, and whether the field is required.
import type { OperationDescriptor } from '../../../packages/core/src/internal/operation.js';
import { descriptorOf, spec } from '../spec-samples.js';

type Schema = Record<string, any>;
const schemas: Record<string, Schema> = spec.components.schemas;
const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? schemas[s.$ref.split('/').pop()] : s);

export interface FieldType {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  enum?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
}

export interface SpecField {
  name: string;
  where: 'body' | 'query' | 'header';
  required: boolean;
  type: FieldType | undefined;
}

/** A schema reduced to one JSON type and its bounds; undefined for unions of several types. */
export function fieldType(schema: Schema | undefined, depth = 0): FieldType | undefined {
  const s = resolve(schema);
  if (!s || depth > 5) return undefined;
  const variants: Schema[] | undefined = s.anyOf ?? s.oneOf;
  if (variants) {
    const nonNull = variants.filter((v) => resolve(v)?.type !== 'null');
    return nonNull.length === 1 ? fieldType(nonNull[0], depth + 1) : undefined;
  }
  if (s.allOf?.length === 1) return fieldType(s.allOf[0], depth + 1);
  const type = (typeof s.type === 'string' ? s.type : s.properties ? 'object' : undefined) as
    | FieldType['type']
    | 'null'
    | undefined;
  if (!type || type === 'null') return undefined;
  const out: FieldType = { type };
  for (const key of [
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'minItems',
    'pattern',
    'format',
  ] as const) {
    if (s[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = s[key];
  }
  if (s.enum || s.const !== undefined) out.enum = true;
  return out;
}

/** Every operation of the spec by the SDK's method name, with its request fields. */
export function specFields(): Map<string, { descriptor: OperationDescriptor; fields: SpecField[] }> {
  const out = new Map<string, { descriptor: OperationDescriptor; fields: SpecField[] }>();
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const descriptor = descriptorOf(method.toUpperCase(), path);
      const fields: SpecField[] = [];
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      for (const [name, prop] of Object.entries<Schema>(body?.properties ?? {})) {
        fields.push({ name, where: 'body', required: (body?.required ?? []).includes(name), type: fieldType(prop) });
      }
      for (const p of op.parameters ?? []) {
        if (p.in === 'query')
          fields.push({ name: p.name, where: 'query', required: !!p.required, type: fieldType(p.schema) });
        if (p.in === 'header') {
          const sdkName = descriptor.headers?.find(([, wire]) => wire === p.name)?.[0];
          if (sdkName)
            fields.push({ name: sdkName, where: 'header', required: !!p.required, type: fieldType(p.schema) });
        }
      }
      out.set(descriptor.name, { descriptor, fields });
    }
  }
  return out;
}

/** Values of the wrong type, out of range, NaN, too long or not a URL, for one field. */
export function badValues(name: string, t: FieldType): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = [];
  switch (t.type) {
    case 'string':
      out.push({ label: 'a number', value: 12345 }, { label: 'an object', value: { text: 'x' } });
      if ((t.minLength ?? 0) >= 1) out.push({ label: 'empty', value: '' });
      if (t.maxLength !== undefined)
        out.push(
          { label: `${t.maxLength + 1} chars`, value: 'x'.repeat(t.maxLength + 1) },
          { label: '1 MB', value: 'x'.repeat(1_000_000) },
        );
      if (/(^|_)url$/.test(name) || t.format === 'uri') out.push({ label: 'not a URL', value: 'not a url' });
      if (t.pattern) out.push({ label: `not matching ${t.pattern}`, value: '\u0000no-match' });
      break;
    case 'integer':
    case 'number':
      out.push(
        { label: 'a string', value: 'seven' },
        { label: 'NaN', value: Number.NaN },
        { label: 'Infinity', value: Number.POSITIVE_INFINITY },
      );
      if (t.type === 'integer') out.push({ label: 'fractional', value: 1.5 });
      if (t.minimum !== undefined) out.push({ label: `below ${t.minimum}`, value: t.minimum - 1 });
      if (t.maximum !== undefined) out.push({ label: `above ${t.maximum}`, value: t.maximum + 1 });
      if (t.exclusiveMinimum !== undefined)
        out.push({ label: `= exclusive minimum ${t.exclusiveMinimum}`, value: t.exclusiveMinimum });
      if (t.exclusiveMaximum !== undefined)
        out.push({ label: `= exclusive maximum ${t.exclusiveMaximum}`, value: t.exclusiveMaximum });
      break;
    case 'boolean':
      out.push({ label: 'a string', value: 'yes' }, { label: 'a number', value: 1 });
      break;
    case 'array':
      out.push({ label: 'an object', value: { 0: 'x' } });
      if ((t.minItems ?? 0) >= 1) out.push({ label: 'empty', value: [] });
      break;
    case 'object':
      out.push({ label: 'a string', value: 'not an object' }, { label: 'a number', value: 7 });
      break;
  }
  return out;
}
