// Reference: what a user would pick instead, openapi-fetch over openapi-typescript types of the same spec.
import createClient from 'openapi-fetch';
import type { paths } from '../.generated/skyvern-api';

export const client = createClient<paths>({ baseUrl: 'https://api.skyvern.com' });
export const getRun = (runId: string) => client.GET('/v1/runs/{run_id}', { params: { path: { run_id: runId } } });
