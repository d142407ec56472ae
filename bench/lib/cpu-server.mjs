// The loopback server of the per-call CPU benchmark, in its own process so its CPU is
// not counted against the clients. Answers GET /v1/runs/{id} with a realistic run
// (a finished task run as the simulator renders it, ~1.3 kB) over keep-alive.
import { createServer } from 'node:http';
import { ensureSimulator } from './prepare.mjs';

await ensureSimulator();
const { createSimulator } = await import('../.generated/testing.mjs');

let t = Date.parse('2025-06-01T12:00:00Z');
const sim = createSimulator({ now: () => t });
const created = await sim.fetch('/v1/run/tasks', {
  method: 'POST',
  headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
  body: JSON.stringify({
    prompt: 'Find the top post on Hacker News and return its title and points',
    url: 'https://news.ycombinator.com',
    data_extraction_schema: { type: 'object', properties: { title: { type: 'string' }, points: { type: 'integer' } } },
  }),
});
const { run_id: runId } = await created.json();
t += 3_600_000;
const body = Buffer.from(JSON.stringify(sim.getRunResponse(runId)));
sim.close();

let served = 0;
const server = createServer((req, res) => {
  if (req.method !== 'GET' || !req.url.startsWith('/v1/runs/')) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
    return;
  }
  served++;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-request-id': `req_${served}`,
  });
  res.end(body);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, runId, bytes: body.length })}\n`);
});
// Ends with its parent: stdin closes when the benchmark process exits.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
