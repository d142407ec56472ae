import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/** List all schedules for the organization. `GET /v1/schedules` */
export function getSchedules(
  client: SkyvernClient,
  params?: Params<typeof op.getSchedules>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getSchedules>> {
  return client.request(op.getSchedules, [], params, options);
}

/** List schedules for an agent. `GET /v1/agents/{workflow_permanent_id}/schedules` */
export function getWorkflowSchedules(
  client: SkyvernClient,
  workflowPermanentId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowSchedules>> {
  return client.request(op.getWorkflowSchedules, [workflowPermanentId], undefined, options);
}

/**
 * Create a schedule for an agent. `POST /v1/agents/{workflow_permanent_id}/schedules` — creates or starts
 * something: never retried once the server may have acted.
 */
export function createSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  params: Params<typeof op.createSchedule>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createSchedule>> {
  return client.request(op.createSchedule, [workflowPermanentId], params, options);
}

/** Get an agent schedule by id. `GET /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}` */
export function getSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  workflowScheduleId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getSchedule>> {
  return client.request(op.getSchedule, [workflowPermanentId, workflowScheduleId], undefined, options);
}

/** Update an agent schedule. `PUT /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}` */
export function updateSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  workflowScheduleId: string,
  params: Params<typeof op.updateSchedule>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateSchedule>> {
  return client.request(op.updateSchedule, [workflowPermanentId, workflowScheduleId], params, options);
}

/** Delete an agent schedule. `DELETE /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}` */
export function deleteSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  workflowScheduleId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteSchedule>> {
  return client.request(op.deleteSchedule, [workflowPermanentId, workflowScheduleId], undefined, options);
}

/** Enable an agent schedule. `POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/enable` */
export function enableSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  workflowScheduleId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.enableSchedule>> {
  return client.request(op.enableSchedule, [workflowPermanentId, workflowScheduleId], undefined, options);
}

/** Disable an agent schedule. `POST /v1/agents/{workflow_permanent_id}/schedules/{workflow_schedule_id}/disable` */
export function disableSchedule(
  client: SkyvernClient,
  workflowPermanentId: string,
  workflowScheduleId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.disableSchedule>> {
  return client.request(op.disableSchedule, [workflowPermanentId, workflowScheduleId], undefined, options);
}

/**
 * Every item of `getSchedules`, page after page: `for await (const item of client.iterSchedules({ page_size: 50
 * }))`. Honours `signal`.
 */
export function iterSchedules(
  client: SkyvernClient,
  params?: Params<typeof op.getSchedules>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getSchedules>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getSchedules>, o) => getSchedules(client, p, o),
    (page: Result<typeof op.getSchedules>) => page.schedules,
    params,
    options,
  );
}
