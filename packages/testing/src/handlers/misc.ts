import type { Ctx, Handlers } from '../internal/context.js';
import { HttpError, notFound, unprocessable } from '../internal/http.js';
import { runResponse } from '../internal/runs.js';
import {
  ORG_ID,
  UPLOAD_LIMIT,
  fromBase64,
  iso,
  newestFirst,
  paginate,
  sampleFromSchema,
  sha256Hex,
  toHex,
  utf8,
} from '../internal/util.js';
import type { S } from '../schema-types.js';
import type { SimulatorImpl } from '../simulator.js';
import type { SimScript } from '../types.js';
import {
  artifactSignature,
  getRunOr404,
  startInternalRun,
  startWorkflowRun,
  syncArtifacts,
  withSignedUrl,
} from './runs.js';

type Json = Record<string, any>;

export const SIMULATOR_VERSION = '0.1.0-simulator';

// ---------------------------------------------------------------- scripts

const MIME: Record<string, string> = {
  py: 'text/x-python',
  js: 'text/javascript',
  ts: 'text/typescript',
  json: 'application/json',
  txt: 'text/plain',
  md: 'text/markdown',
  yaml: 'application/yaml',
  yml: 'application/yaml',
};

function fileBytes(file: S['ScriptFileCreate']): Uint8Array {
  if ((file.encoding ?? 'base64') === 'base64') {
    const bytes = fromBase64(file.content);
    if (!bytes)
      throw unprocessable([
        {
          type: 'value_error',
          loc: ['body', 'files'],
          msg: `Value error, content of ${file.path} is not valid base64`,
          input: file.path,
        },
      ]);
    return bytes;
  }
  return utf8(file.content);
}

function checkFiles(files: unknown): S['ScriptFileCreate'][] {
  if (files == null) return [];
  const list = files as unknown[];
  list.forEach((f, i) => {
    const file = f as Json | null;
    for (const field of ['path', 'content']) {
      if (typeof file?.[field] !== 'string') {
        throw unprocessable([
          {
            type: file?.[field] === undefined ? 'missing' : 'string_type',
            loc: ['body', 'files', i, field],
            msg: file?.[field] === undefined ? 'Field required' : 'Input should be a valid string',
            input: f,
          },
        ]);
      }
    }
  });
  return list as S['ScriptFileCreate'][];
}

async function fileTree(files: S['ScriptFileCreate'][], createdAt: string): Promise<Record<string, S['FileNode']>> {
  const root: Record<string, S['FileNode']> = {};
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    let level = root;
    for (const dir of parts.slice(0, -1)) {
      const node = (level[dir] ??= {
        type: 'directory',
        size: null,
        mime_type: null,
        content_hash: null,
        created_at: createdAt,
        children: {},
      });
      level = node.children ??= {};
    }
    const name = parts[parts.length - 1] ?? file.path;
    const bytes = fileBytes(file);
    const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    level[name] = {
      type: 'file',
      size: bytes.byteLength,
      mime_type: file.mime_type ?? MIME[ext] ?? 'application/octet-stream',
      content_hash: `sha256:${await sha256Hex(bytes)}`,
      created_at: createdAt,
      children: null,
    };
  }
  return root;
}

async function scriptResponse(script: SimScript): Promise<S['CreateScriptResponse']> {
  const v = script.versions[script.versions.length - 1]!;
  return {
    script_id: script.scriptId,
    version: v.version,
    run_id: script.runId,
    file_count: v.files.length,
    file_tree: await fileTree(v.files, iso(v.createdAt)),
    created_at: iso(v.createdAt),
  };
}

function scriptView(script: SimScript): S['Script'] {
  const v = script.versions[script.versions.length - 1]!;
  return {
    script_revision_id: v.scriptRevisionId,
    script_id: script.scriptId,
    organization_id: script.organizationId,
    run_id: script.runId,
    version: v.version,
    created_at: iso(script.createdAt),
    modified_at: iso(v.createdAt),
    deleted_at: null,
  };
}

function createScript(
  sim: SimulatorImpl,
  files: S['ScriptFileCreate'][],
  runId: string | null,
  workflowId: string | null,
): SimScript {
  const t = sim.now();
  files.forEach(fileBytes);
  const script: SimScript = {
    scriptId: sim.ids.next('s_'),
    organizationId: ORG_ID,
    runId,
    createdAt: t,
    versions: [{ version: 1, scriptRevisionId: sim.ids.next('sr_'), createdAt: t, files }],
    workflowId,
  };
  sim.scripts.set(script.scriptId, script);
  return script;
}

function scriptOr404(sim: SimulatorImpl, id: string): SimScript {
  const script = sim.scripts.get(id);
  if (!script) throw notFound(`Script not found: ${id}`);
  return script;
}

export function seedScripts(sim: SimulatorImpl, n: number): SimScript[] {
  return Array.from({ length: n }, (_, i) =>
    createScript(
      sim,
      [{ path: 'main.py', content: btoa(`print("seeded script ${i + 1}")\n`), encoding: 'base64' }],
      null,
      null,
    ),
  );
}

// ---------------------------------------------------------------- artifacts

function artifactOr404(sim: SimulatorImpl, id: string) {
  const artifact = sim.artifacts.get(id);
  if (!artifact) throw notFound(`Artifact not found: ${id}`);
  return artifact;
}

/** GET /v1/artifacts/{artifact_id}: served by Skyvern though not in the spec. */
export async function artifactRoute(ctx: Ctx): Promise<Response> {
  const artifact = artifactOr404(ctx.sim, ctx.params.artifact_id!);
  return new Response(JSON.stringify(await withSignedUrl(ctx, artifact.artifact)), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

// ---------------------------------------------------------------- sdk actions

function sdkResult(action: Json): unknown {
  switch (action.type) {
    case 'ai_input_text':
      return action.value ?? null;
    case 'ai_select_option':
      return action.value ?? null;
    case 'ai_upload_file':
      return action.file_url ?? null;
    case 'extract':
      return action.schema && typeof action.schema === 'object'
        ? sampleFromSchema(action.schema)
        : { result: `Simulated extraction: ${action.prompt ?? ''}`.trim() };
    case 'locate_element':
      return 'xpath=//button[1]';
    case 'validate':
      return true;
    case 'prompt':
      return action.schema && typeof action.schema === 'object' ? sampleFromSchema(action.schema) : 'Simulated answer';
    default:
      return null;
  }
}

// ---------------------------------------------------------------- handlers

export const miscHandlers = {
  'GET /v1/version': () => ({ version: SIMULATOR_VERSION }),

  'POST /v1/upload_file': async (ctx: Ctx) => {
    const file = ctx.form!.get('file');
    if (file === null)
      throw unprocessable([{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }]);
    if (typeof file === 'string')
      throw unprocessable([
        {
          type: 'value_error',
          loc: ['body', 'file'],
          msg: "Value error, Expected UploadFile, received: <class 'str'>",
          input: file,
          ctx: { error: {} },
        },
      ]);
    if (file.size > UPLOAD_LIMIT)
      throw new HttpError(413, `File size exceeds the maximum allowed size of ${UPLOAD_LIMIT / (1024 * 1024)} MB`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const retention = ctx.form!.get('retention_days');
    const retentionDays = typeof retention === 'string' && retention !== '' ? Number(retention) : null;
    if (retentionDays !== null && !Number.isInteger(retentionDays))
      throw unprocessable([
        {
          type: 'int_parsing',
          loc: ['body', 'retention_days'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: retention,
        },
      ]);
    const key = ctx.sim.ids.next('upl_');
    const fileId = ctx.sim.ids.next('file_');
    const filename = file.name || 'upload';
    const s3Uri = `s3://skyvern-uploads/${ORG_ID}/${key}/${filename}`;
    ctx.sim.uploads.set(s3Uri, {
      s3Uri,
      filename,
      contentType: file.type || 'application/octet-stream',
      bytes,
      retentionDays: typeof retention === 'string' ? retention : null,
      at: ctx.now,
      fileId,
    });
    const signature = toHex(utf8(key)).slice(0, 64).padEnd(64, '0');
    return {
      s3_uri: s3Uri,
      presigned_url: `https://skyvern-uploads.s3.amazonaws.com/${ORG_ID}/${key}/${encodeURIComponent(filename)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=86400&X-Amz-Signature=${signature}`,
      file_id: fileId,
      expires_at: retentionDays === null ? null : iso(ctx.now + retentionDays * 86_400_000),
    };
  },

  'DELETE /v1/files/{file_id}': (ctx: Ctx) => {
    // Unknown, already deleted and another organization's file all answer 404 alike, as the spec says.
    for (const [s3Uri, upload] of ctx.sim.uploads) {
      if (upload.fileId === ctx.params.file_id) {
        ctx.sim.uploads.delete(s3Uri);
        return undefined;
      }
    }
    throw notFound('File not found');
  },

  'GET /v1/artifacts/{artifact_id}/content': async (ctx: Ctx) => {
    const id = ctx.params.artifact_id!;
    const expiry = Number(ctx.url.searchParams.get('expiry'));
    const signature = ctx.url.searchParams.get('signature');
    const signed =
      signature !== null &&
      Number.isFinite(expiry) &&
      expiry * 1000 > ctx.now &&
      signature === (await artifactSignature(ctx.sim.apiKey, id, expiry));
    if (!signed && !ctx.sim.authorized(ctx.request)) throw new HttpError(403, 'Invalid or expired artifact URL');
    const artifact = artifactOr404(ctx.sim, id);
    const content = artifact.content;
    const range = ctx.request.headers.get('range');
    const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
    if (range && m && (m[1] || m[2])) {
      const size = content.byteLength;
      let start = m[1] ? Number(m[1]) : size - Number(m[2]);
      let end = m[1] ? (m[2] ? Number(m[2]) : size - 1) : size - 1;
      start = Math.max(0, start);
      end = Math.min(end, size - 1);
      if (start > end || start >= size) {
        return new Response(JSON.stringify({ detail: 'Range not satisfiable' }), {
          status: 416,
          headers: { 'content-type': 'application/json', 'content-range': `bytes */${size}` },
        });
      }
      return new Response(content.slice(start, end + 1), {
        status: 206,
        headers: {
          'content-type': artifact.contentType,
          'content-range': `bytes ${start}-${end}/${size}`,
          'accept-ranges': 'bytes',
        },
      });
    }
    return new Response(content.slice(), {
      status: 200,
      headers: { 'content-type': artifact.contentType, 'accept-ranges': 'bytes' },
    });
  },

  'GET /v1/scripts': (ctx: Ctx) =>
    paginate(newestFirst(ctx.sim.scripts.values()), ctx.query.page, ctx.query.page_size).map(scriptView),

  'POST /v1/scripts': (ctx: Ctx) => {
    const body = ctx.body as Json;
    if (typeof body.run_id === 'string') getRunOr404(ctx.sim, body.run_id);
    return scriptResponse(createScript(ctx.sim, checkFiles(body.files), body.run_id ?? null, body.workflow_id ?? null));
  },

  'GET /v1/scripts/{script_id}': (ctx: Ctx) => scriptView(scriptOr404(ctx.sim, ctx.params.script_id!)),

  'POST /v1/scripts/{script_id}/deploy': (ctx: Ctx) => {
    const script = scriptOr404(ctx.sim, ctx.params.script_id!);
    const files = checkFiles(ctx.body.files);
    files.forEach(fileBytes);
    const previous = script.versions[script.versions.length - 1]!;
    script.versions.push({
      version: previous.version + 1,
      scriptRevisionId: ctx.sim.ids.next('sr_'),
      createdAt: ctx.now,
      files,
    });
    return scriptResponse(script);
  },

  'POST /v1/scripts/{script_id}/run': (ctx: Ctx) => {
    const script = scriptOr404(ctx.sim, ctx.params.script_id!);
    const workflow = script.workflowId ? ctx.sim.workflows.get(script.workflowId) : undefined;
    const request = { title: `Script ${script.scriptId}`, run_with: 'code' };
    const run =
      workflow && !workflow.deleted
        ? startWorkflowRun(ctx.sim, workflow, request, 'script', script.scriptId)
        : ctx.sim.createRun({
            kind: 'script',
            runType: 'workflow_run',
            request,
            title: request.title,
            scriptId: script.scriptId,
            blockLabels: ['script'],
          });
    return runResponse(run, ctx.sim.now(), ctx.sim.baseAppUrl);
  },

  'POST /v1/sdk/run_action': (ctx: Ctx) => {
    const body = ctx.body as Json;
    const action = body.action && typeof body.action === 'object' ? (body.action as Json) : {};
    const existing = typeof body.workflow_run_id === 'string' ? ctx.sim.runs.get(body.workflow_run_id) : undefined;
    if (typeof body.workflow_run_id === 'string' && !existing)
      throw notFound(`Workflow run not found: ${body.workflow_run_id}`);
    const run = existing ?? startInternalRun(ctx.sim, 'sdk_action', body);
    const scenario = run.scenario;
    if (!existing)
      ctx.sim.forceStatus(
        run,
        scenario.outcome,
        scenario.failureReason !== undefined ? { failureReason: scenario.failureReason } : {},
      );
    if (scenario.outcome !== 'completed' && !existing) {
      throw new HttpError(400, scenario.failureReason ?? `Simulated ${scenario.outcome} action`);
    }
    syncArtifacts(ctx.sim, run);
    return { workflow_run_id: run.runId, result: scenario.output !== undefined ? scenario.output : sdkResult(action) };
  },
} satisfies Partial<Handlers>;
