import type { BodyRule, JsonType, OperationSpec, PropRule, QueryRule } from '../generated/body-rules.js';

/** One item of a FastAPI / pydantic 422 answer. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** Thrown by handlers: becomes a FastAPI-shaped error answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : `HTTP ${status}`);
  }
}

export const notFound = (detail = 'Not Found'): HttpError => new HttpError(404, detail);
export const badRequest = (detail: string): HttpError => new HttpError(400, detail);
export const unprocessable = (issues: ValidationIssue[]): HttpError => new HttpError(422, issues);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function errorResponse(error: HttpError): Response {
  return json({ detail: error.detail }, error.status, error.headers);
}

// ---------------------------------------------------------------- routing

export interface CompiledRoute {
  readonly key: string;
  readonly method: string;
  readonly template: string;
  readonly segments: readonly (string | { param: string })[];
  readonly literals: number;
  readonly spec?: OperationSpec;
}

export function compileRoute(method: string, template: string, spec?: OperationSpec): CompiledRoute {
  const segments = template
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : s));
  return {
    key: `${method} ${template}`,
    method,
    template,
    segments,
    literals: segments.filter((s) => typeof s === 'string').length,
    ...(spec ? { spec } : {}),
  };
}

/** Splits a pathname into decoded segments; undefined when a segment is not valid percent-encoding. */
export function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Path params when `segments` fit the route; an empty segment never fills a param. */
export function matchSegments(route: CompiledRoute, segments: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]!;
    const got = segments[i]!;
    if (typeof want === 'string') {
      if (want !== got) return undefined;
    } else {
      if (got === '') return undefined;
      params[want.param] = got;
    }
  }
  return params;
}

/** True when a fault's path template (with {params}) fits a pathname. */
export function templateMatches(template: string, pathname: string): boolean {
  const segments = pathSegments(pathname);
  return segments !== undefined && matchSegments(compileRoute('*', template), segments) !== undefined;
}

// ---------------------------------------------------------------- query validation

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

function expected(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function enumIssue(loc: (string | number)[], values: readonly string[], input: unknown): ValidationIssue {
  return { type: 'enum', loc, msg: `Input should be ${expected(values)}`, input, ctx: { expected: expected(values) } };
}

function numberIssues(
  loc: (string | number)[],
  value: number,
  rule: { minimum?: number; maximum?: number },
  input: unknown,
): ValidationIssue[] {
  if (rule.minimum !== undefined && value < rule.minimum) {
    return [
      {
        type: 'greater_than_equal',
        loc,
        msg: `Input should be greater than or equal to ${rule.minimum}`,
        input,
        ctx: { ge: rule.minimum },
      },
    ];
  }
  if (rule.maximum !== undefined && value > rule.maximum) {
    return [
      {
        type: 'less_than_equal',
        loc,
        msg: `Input should be less than or equal to ${rule.maximum}`,
        input,
        ctx: { le: rule.maximum },
      },
    ];
  }
  return [];
}

function stringIssues(
  loc: (string | number)[],
  value: string,
  rule: { minLength?: number; maxLength?: number; enum?: readonly string[] },
): ValidationIssue[] {
  if (rule.minLength !== undefined && value.length < rule.minLength) {
    const s = rule.minLength === 1 ? 'character' : 'characters';
    return [
      {
        type: 'string_too_short',
        loc,
        msg: `String should have at least ${rule.minLength} ${s}`,
        input: value,
        ctx: { min_length: rule.minLength },
      },
    ];
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    const s = rule.maxLength === 1 ? 'character' : 'characters';
    return [
      {
        type: 'string_too_long',
        loc,
        msg: `String should have at most ${rule.maxLength} ${s}`,
        input: value,
        ctx: { max_length: rule.maxLength },
      },
    ];
  }
  if (rule.enum && !rule.enum.includes(value)) return [enumIssue(loc, rule.enum, value)];
  return [];
}

/** Parses the query string by the operation's rules (defaults applied); throws a 422 on bad values. */
export function parseQuery(rules: readonly QueryRule[], params: URLSearchParams): Record<string, any> {
  const out: Record<string, any> = {};
  const issues: ValidationIssue[] = [];
  for (const rule of rules) {
    const loc = ['query', rule.name];
    const all = params.getAll(rule.name);
    if (all.length === 0) {
      if (rule.required) issues.push({ type: 'missing', loc, msg: 'Field required', input: null });
      else if (rule.default !== undefined) out[rule.name] = rule.default;
      continue;
    }
    if (rule.type === 'array') {
      // Repeat the parameter for several values; `tags` also takes comma-separated terms (as documented).
      const values =
        rule.name === 'tags'
          ? all
              .flatMap((v) => v.split(','))
              .map((v) => v.trim())
              .filter(Boolean)
          : all;
      values.forEach((v, i) => {
        if (rule.itemEnum && !rule.itemEnum.includes(v)) issues.push(enumIssue([...loc, i], rule.itemEnum, v));
      });
      if (rule.maxItems !== undefined && values.length > rule.maxItems) {
        issues.push({
          type: 'too_long',
          loc,
          msg: `List should have at most ${rule.maxItems} items after validation, not ${values.length}`,
          input: values,
          ctx: { field_type: 'List', max_length: rule.maxItems, actual_length: values.length },
        });
      }
      out[rule.name] = values;
      continue;
    }
    const raw = all[all.length - 1]!;
    if (rule.type === 'integer') {
      if (!/^\s*[-+]?\d+\s*$/.test(raw)) {
        issues.push({
          type: 'int_parsing',
          loc,
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: raw,
        });
        continue;
      }
      const n = Number(raw);
      issues.push(...numberIssues(loc, n, rule, raw));
      out[rule.name] = n;
    } else if (rule.type === 'number') {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) {
        issues.push({
          type: 'float_parsing',
          loc,
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: raw,
        });
        continue;
      }
      issues.push(...numberIssues(loc, n, rule, raw));
      out[rule.name] = n;
    } else if (rule.type === 'boolean') {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) out[rule.name] = true;
      else if (FALSE.has(v)) out[rule.name] = false;
      else
        issues.push({
          type: 'bool_parsing',
          loc,
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: raw,
        });
    } else {
      issues.push(...stringIssues(loc, raw, rule));
      out[rule.name] = raw;
    }
  }
  if (issues.length) throw unprocessable(issues);
  return out;
}

// ---------------------------------------------------------------- body validation

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

const TYPE_ERRORS: Record<JsonType, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  integer: ['int_type', 'Input should be a valid integer'],
  number: ['float_type', 'Input should be a valid number'],
  boolean: ['bool_type', 'Input should be a valid boolean'],
  object: ['dict_type', 'Input should be a valid dictionary'],
  array: ['list_type', 'Input should be a valid list'],
  null: ['none_required', 'Input should be None'],
};

function propIssues(name: string, value: unknown, rule: PropRule): ValidationIssue[] {
  const loc = ['body', name];
  const actual = jsonTypeOf(value);
  if (rule.types) {
    const fits = rule.types.includes(actual) || (actual === 'integer' && rule.types.includes('number'));
    if (!fits) {
      const first = rule.types.find((t) => t !== 'null') ?? 'null';
      const [type, msg] = TYPE_ERRORS[first];
      return [{ type, loc, msg, input: value }];
    }
  }
  if (typeof value === 'string') return stringIssues(loc, value, rule);
  if (typeof value === 'number') return numberIssues(loc, value, rule, value);
  if (Array.isArray(value)) {
    if (rule.maxItems !== undefined && value.length > rule.maxItems) {
      return [
        {
          type: 'too_long',
          loc,
          msg: `List should have at most ${rule.maxItems} items after validation, not ${value.length}`,
          input: value,
          ctx: { field_type: 'List', max_length: rule.maxItems, actual_length: value.length },
        },
      ];
    }
    if (rule.minItems !== undefined && value.length < rule.minItems) {
      return [
        {
          type: 'too_short',
          loc,
          msg: `List should have at least ${rule.minItems} items after validation, not ${value.length}`,
          input: value,
          ctx: { field_type: 'List', min_length: rule.minItems, actual_length: value.length },
        },
      ];
    }
  }
  return [];
}

/** Required fields, top-level JSON types and simple constraints of a JSON object body. */
export function checkObjectBody(rule: BodyRule, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unprocessable([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ]);
  }
  const record = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const field of rule.fields) {
    if (record[field] === undefined)
      issues.push({ type: 'missing', loc: ['body', field], msg: 'Field required', input: body });
  }
  for (const [name, prop] of Object.entries(rule.props)) {
    if (record[name] === undefined) continue;
    issues.push(...propIssues(name, record[name], prop));
  }
  if (issues.length) throw unprocessable(issues);
}

/** Parses a JSON body the way FastAPI does: JSON when the content type is absent or JSON. */
export function parseJsonBody(rule: BodyRule, contentType: string | null, text: string): unknown {
  if (text.length === 0) {
    if (rule.required) throw unprocessable([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
    return null;
  }
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = mediaType === '' || mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
  if (!isJson) {
    throw unprocessable([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: text,
      },
    ]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw unprocessable([
      {
        type: 'json_invalid',
        loc: ['body', 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: error instanceof Error ? error.message : 'Invalid JSON' },
      },
    ]);
  }
  if (body === null && !rule.required) return null;
  checkObjectBody(rule, body);
  return body;
}
