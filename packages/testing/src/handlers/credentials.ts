import type { Ctx, Handlers } from '../internal/context.js';
import { notFound, unprocessable, type ValidationIssue } from '../internal/http.js';
import { ORG_ID, includesText, iso, newestFirst, numericPart, paginate } from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';

type Json = Record<string, any>;

const REQUIRED: Record<string, string[]> = {
  password: ['password', 'username'],
  credit_card: ['card_number', 'card_cvv', 'card_exp_month', 'card_exp_year', 'card_brand', 'card_holder_name'],
  secret: ['secret_value'],
};

/** The credential's public part: secrets (passwords, card numbers, CVVs, secret values, TOTP seeds) never leave. */
function masked(type: string, credential: Json): S['CredentialResponse']['credential'] {
  const issues: ValidationIssue[] = [];
  for (const field of REQUIRED[type] ?? []) {
    const v = credential[field];
    if (typeof v !== 'string' || v.length === 0) {
      issues.push(
        v === undefined
          ? { type: 'missing', loc: ['body', 'credential', field], msg: 'Field required', input: '[redacted]' }
          : {
              type: 'string_too_short',
              loc: ['body', 'credential', field],
              msg: 'String should have at least 1 character',
              input: '[redacted]',
              ctx: { min_length: 1 },
            },
      );
    }
  }
  if (issues.length) throw unprocessable(issues);
  if (type === 'password') {
    return {
      username: credential.username,
      totp_type: credential.totp_type ?? (credential.totp ? 'authenticator' : 'none'),
      totp_identifier: credential.totp_identifier ?? null,
    };
  }
  if (type === 'credit_card')
    return { last_four: String(credential.card_number).replace(/\D/g, '').slice(-4), brand: credential.card_brand };
  return { secret_label: credential.secret_label ?? null };
}

function credentialRecord(id: string, body: Json): S['CredentialResponse'] {
  return {
    credential_id: id,
    credential: masked(body.credential_type, body.credential ?? {}),
    credential_type: body.credential_type,
    name: body.name,
    vault_type: body.vault_type ?? 'skyvern',
    browser_profile_id: null,
    tested_url: null,
    user_context: null,
    save_browser_session_intent: null,
    folder_id: null,
    proxy_location: body.proxy_location ?? null,
    proxy_session_id: body.rotate_proxy_session_id ? `ps_${numericPart(id)}` : (body.proxy_session_id ?? null),
  };
}

function credentialOr404(sim: SimulatorImpl, id: string): S['CredentialResponse'] {
  const credential = sim.credentials.get(id);
  if (!credential) throw notFound(`Credential not found: ${id}`);
  return credential;
}

function checkCredentialBody(body: Json): void {
  if (!body.credential || typeof body.credential !== 'object' || Array.isArray(body.credential)) {
    throw unprocessable([
      {
        type: 'model_attributes_type',
        loc: ['body', 'credential'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: '[redacted]',
      },
    ]);
  }
}

export function seedCredentials(sim: SimulatorImpl, n: number, prefix: string): S['CredentialResponse'][] {
  return Array.from({ length: n }, (_, i) => {
    const id = sim.ids.next('cred_');
    const record = credentialRecord(id, {
      name: `${prefix} ${i + 1}`,
      credential_type: 'password',
      credential: { username: `user${i + 1}@example.com`, password: 'not-stored' },
    });
    sim.credentials.set(id, record);
    return { ...record };
  });
}

function customLlmOr404(sim: SimulatorImpl, id: string): S['CustomLLM'] {
  const llm = sim.customLlms.get(id);
  if (!llm) throw notFound(`Custom LLM not found: ${id}`);
  return llm;
}

const PROVIDERS = ['openai_compatible', 'ollama', 'openrouter'];

/** The stored config (its required fields checked): the API key is dropped. */
function publicConfig(config: Json): S['CustomLLMConfig'] {
  const issues: ValidationIssue[] = [];
  for (const field of ['display_name', 'provider', 'model_name']) {
    const v = config[field];
    if (v === undefined)
      issues.push({
        type: 'missing',
        loc: ['body', 'config', field],
        msg: 'Field required',
        input: { ...config, api_key: undefined },
      });
    else if (typeof v !== 'string')
      issues.push({
        type: 'string_type',
        loc: ['body', 'config', field],
        msg: 'Input should be a valid string',
        input: v,
      });
  }
  if (typeof config.provider === 'string' && !PROVIDERS.includes(config.provider)) {
    issues.push({
      type: 'enum',
      loc: ['body', 'config', 'provider'],
      msg: "Input should be 'openai_compatible', 'ollama' or 'openrouter'",
      input: config.provider,
      ctx: { expected: "'openai_compatible', 'ollama' or 'openrouter'" },
    });
  }
  if (issues.length) throw unprocessable(issues);
  return { supports_vision: true, add_assistant_prefix: false, ...(config as S['CustomLLMConfig']), api_key: null };
}

export const credentialHandlers = {
  'GET /v1/credentials': (ctx: Ctx) => {
    const { vault_type: vault, credential_type: type, search } = ctx.query as Json;
    const all = newestFirst(ctx.sim.credentials.values()).filter((c) => {
      if (vault && c.vault_type !== vault) return false;
      if (type && c.credential_type !== type) return false;
      if (search) {
        const cred = c.credential as Json;
        if (
          ![c.name, cred.username, cred.secret_label, cred.last_four, cred.brand].some((v) => includesText(v, search))
        )
          return false;
      }
      return true;
    });
    return paginate(all, ctx.query.page, ctx.query.page_size).map((c) => ({ ...c }));
  },

  'POST /v1/credentials': (ctx: Ctx) => {
    checkCredentialBody(ctx.body);
    const id = ctx.sim.ids.next('cred_');
    const record = credentialRecord(id, ctx.body);
    ctx.sim.credentials.set(id, record);
    return { ...record };
  },

  'GET /v1/credentials/{credential_id}': (ctx: Ctx) => ({ ...credentialOr404(ctx.sim, ctx.params.credential_id!) }),

  'POST /v1/credentials/{credential_id}/update': (ctx: Ctx) => {
    const existing = credentialOr404(ctx.sim, ctx.params.credential_id!);
    checkCredentialBody(ctx.body);
    const record = credentialRecord(existing.credential_id, ctx.body);
    ctx.sim.credentials.set(existing.credential_id, record);
    return { ...record };
  },

  'POST /v1/credentials/{credential_id}/delete': (ctx: Ctx) => {
    ctx.sim.credentials.delete(credentialOr404(ctx.sim, ctx.params.credential_id!).credential_id);
    return undefined;
  },

  'POST /v1/credentials/totp': (ctx: Ctx) => {
    const body = ctx.body as Json;
    const content = String(body.content);
    const code = /\b(\d{4,8})\b/.exec(content)?.[1] ?? content.trim();
    const isLink = /https?:\/\//.test(content) && !/\b\d{4,8}\b/.test(content);
    const t = ctx.now;
    const totp: S['TOTPCode'] = {
      totp_identifier: body.totp_identifier,
      task_id: body.task_id ?? null,
      workflow_id: body.workflow_id ?? null,
      workflow_run_id: body.workflow_run_id ?? null,
      source: body.source ?? null,
      content,
      expired_at: body.expired_at ?? null,
      type: body.type ?? null,
      totp_code_id: ctx.sim.ids.next('totp_'),
      code,
      organization_id: ORG_ID,
      created_at: iso(t),
      modified_at: iso(t),
      otp_type: isLink ? 'magic_link' : 'totp',
    };
    ctx.sim.totpCodes.push(totp);
    return totp;
  },

  'GET /v1/custom-llms': (ctx: Ctx) => ({
    custom_llms: newestFirst(ctx.sim.customLlms.values()).map((l) => ({ ...l })),
  }),

  'POST /v1/custom-llms': (ctx: Ctx) => {
    const t = ctx.now;
    const llm: S['CustomLLM'] = {
      id: ctx.sim.ids.next('cllm_'),
      organization_id: ORG_ID,
      config: publicConfig(ctx.body.config),
      created_at: iso(t),
      modified_at: iso(t),
      valid: true,
    };
    ctx.sim.customLlms.set(llm.id, llm);
    return { custom_llm: { ...llm } };
  },

  'PUT /v1/custom-llms/{custom_llm_id}': (ctx: Ctx) => {
    const llm = customLlmOr404(ctx.sim, ctx.params.custom_llm_id!);
    llm.config = publicConfig(ctx.body.config);
    llm.modified_at = iso(ctx.now);
    return { custom_llm: { ...llm } };
  },

  'DELETE /v1/custom-llms/{custom_llm_id}': (ctx: Ctx) => {
    ctx.sim.customLlms.delete(customLlmOr404(ctx.sim, ctx.params.custom_llm_id!).id);
    return { success: true };
  },
} satisfies Partial<Handlers>;
