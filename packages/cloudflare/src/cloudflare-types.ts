/**
 * The parts of the Workers runtime this package touches, typed by shape: any version of
 * @cloudflare/workers-types (or none) satisfies them, and the package imports nothing from
 * `cloudflare:workers` itself.
 */

/** `WorkflowStepConfig` of Cloudflare Workflows. */
export interface WorkflowStepConfig {
  retries?: { limit: number; delay: string | number; backoff?: 'constant' | 'linear' | 'exponential' };
  timeout?: string | number;
}

/** What `step.do` passes its callback (newer runtimes): `attempt` is 1 on the first try. */
export interface WorkflowStepContext {
  attempt?: number;
}

/** The `step` argument of `WorkflowEntrypoint.run`. */
export interface WorkflowStepLike {
  do<T>(name: string, callback: (context?: WorkflowStepContext) => Promise<T>): Promise<T>;
  do<T>(name: string, config: WorkflowStepConfig, callback: (context?: WorkflowStepContext) => Promise<T>): Promise<T>;
  sleep(name: string, duration: number | string): Promise<void>;
  waitForEvent<T>(
    name: string,
    options: { type: string; timeout?: number | string },
  ): Promise<{ payload: T; type: string; timestamp: Date | string }>;
}

/** A Workflow instance handle (`env.MY_WORKFLOW.get(id)`). */
export interface WorkflowInstanceLike {
  sendEvent(event: { type: string; payload: unknown }): Promise<void>;
  status(): Promise<{ status: string }>;
}

/** A Workflow binding (`env.MY_WORKFLOW`). */
export interface WorkflowBindingLike {
  get(id: string): Promise<WorkflowInstanceLike>;
}

/** Durable Object storage (the key-value API). */
export interface DurableObjectStorageLike {
  get<T = unknown>(key: string): Promise<T | undefined>;
  get<T = unknown>(keys: string[]): Promise<Map<string, T>>;
  put<T>(key: string, value: T): Promise<void>;
  put<T>(entries: Record<string, T>): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T = unknown>(options?: { prefix?: string }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number | Date): Promise<void>;
  deleteAlarm(): Promise<void>;
}

/** The `ctx` (state) a Durable Object is constructed with. */
export interface DurableObjectStateLike {
  readonly id: { toString(): string; readonly name?: string };
  readonly storage: DurableObjectStorageLike;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

/** A Queue producer binding (`env.MY_QUEUE`). */
export interface QueueLike<Body = unknown> {
  send(message: Body, options?: { contentType?: string }): Promise<void>;
}
