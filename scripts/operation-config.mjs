// Hand-written decisions the spec cannot express. The generator reads them; nothing else does.

/**
 * Method names for operations whose name is not the camelCase of the spec's
 * `x-fern-sdk-method-name` (missing in the spec, or a clearer name exists).
 * Python SDK names win wherever the Python SDK has the method.
 */
export const nameOverrides = {
  get_runs_v2_v1_runs_get: 'getRuns',
  get_artifact_content_v1_artifacts__artifact_id__content_get: 'getArtifactContent',
  run_script_v1_scripts__script_id__run_post: 'runScript',
  schedules_list_all: 'getSchedules',
  schedules_create: 'createSchedule',
  schedules_list: 'getWorkflowSchedules',
  schedules_get: 'getSchedule',
  schedules_update: 'updateSchedule',
  schedules_delete: 'deleteSchedule',
  schedules_enable: 'enableSchedule',
  schedules_disable: 'disableSchedule',
  reset_workflow_browser_profile: 'resetWorkflowBrowserProfile',
};

/**
 * POST operations that are safe to repeat: they only read, or they move a
 * resource to a state that repeating cannot change again (cancel, close,
 * delete, enable). Every other POST starts, creates or bills something and is
 * retried only when the server provably did not act.
 */
export const idempotentPosts = new Set([
  'cancel_run_v1_runs__run_id__cancel_post',
  'bulk_cancel_runs_v1_runs_cancel_post',
  'delete_workflow_v1_agents__workflow_id__delete_post',
  'batch_get_workflow_tags_post_v1_workflow_tags_post',
  'batch_get_run_tags_post_v1_run_tags_post',
  'close_browser_session_v1_browser_sessions__browser_session_id__close_post',
  'delete_credential_v1_credentials__credential_id__delete_post',
  'update_credential_v1_credentials__credential_id__update_post',
  'apply_run_tags_v1_runs__workflow_run_id__tags_post',
  'apply_workflow_tags_v1_workflows__workflow_permanent_id__tags_post',
  'reset_workflow_browser_profile',
  'schedules_enable',
  'schedules_disable',
]);

/**
 * Checks the spec states only in prose, or states differently from the SDK
 * docs users read. The more permissive documented bound wins, so the SDK never
 * refuses a value the server accepts.
 */
export const fieldOverrides = {
  // Spec schema: minimum 5; spec prose: "between 5 and 240"; Python SDK docs: 5-1440.
  'CreateBrowserSessionRequest.timeout': { minimum: 5, maximum: 1440 },
};

/** Fields that carry a URL the server will open: refused early when they cannot be one. */
export const urlFields = new Set(['url', 'webhook_url', 'webhook_callback_url', 'totp_url', 'tested_url']);

/**
 * Retry decisions per operation where its method's default is wrong (PUT, PATCH and DELETE are
 * repeated like reads unless named here; POST is not) or that the spec added since these lists were
 * first written, each with its reason. A decision here wins over the method's default and over
 * `idempotentPosts`. `idempotent: false`: a repeat may act again, so it is retried only where the
 * server provably did not act (429, connection refused). `notFoundIsDone: true`: a 404 on a repeat
 * after an attempt whose answer was lost resolves as done, only where that is provably the same
 * outcome (the resource is gone either way, the answer has no body).
 */
export const retryDecisions = {
  rename_tag_value_v1_tag_values__key__rename_patch: {
    idempotent: false,
    reason:
      'Renames value A to B wherever A is: a repeat after a lost answer renames tags that got A meanwhile, or answers 404 for a rename that happened.',
  },
  delete_run_tag_v1_runs__workflow_run_id__tags__key__delete: {
    idempotent: false,
    reason:
      'Removes whatever tag has the key now: a repeat removes a tag someone applied under it since, and records a second removal in the history.',
  },
  delete_workflow_tag_v1_workflows__workflow_permanent_id__tags__key__delete: {
    idempotent: false,
    reason:
      'Removes whatever tag has the key now: a repeat removes a tag someone applied under it since, and records a second removal in the history.',
  },
  delete_browser_profile_v1_browser_profiles__profile_id__delete: {
    notFoundIsDone: true,
    reason:
      'Answers 204 with no body and a deleted profile is 404 from then on: a 404 on a repeat is the same outcome.',
  },
  delete_file_v1_files__file_id__delete: {
    idempotent: true,
    reason:
      'Deleting a file twice leaves it deleted. A repeat after a lost response answers 404, which the spec ' +
      "also answers for another organization's file: it stays a NotFoundError, never a silent success.",
  },
  get_browser_profile_usage_v1_browser_profiles__profile_id__usage_get: {
    idempotent: true,
    reason: 'Only reads the workflows and credentials that use a profile: a repeat changes nothing.',
  },
  get_run_tag_suggestions_v1_run_tag_suggestions_get: {
    idempotent: true,
    reason: 'Only reads tag suggestions computed from existing runs: a repeat changes nothing.',
  },
  create_tag_value_v1_tag_values_post: {
    idempotent: false,
    reason: 'Registers a label: a repeat after a lost response answers 409 "already exists" instead of the label.',
  },
};

/**
 * Operations the spec marks `x-hidden` that the SDK still keeps in its stable surface, and why. Every
 * other x-hidden operation is typed and callable but `@experimental`: outside semver, it may change or
 * go in a minor release when Skyvern changes it.
 */
export const stableDespiteHidden = {
  run_task_v1_run_tasks_post: "Skyvern's headline call: in the Python SDK (run_task) and the public docs.",
  get_runs_v2_v1_runs_get: 'Listing runs is in the Python SDK (get_runs) and the SDK pages it (iterRuns).',
  login_v1_run_tasks_login_post: 'In the Python SDK (login) and the public docs; the SDK waits on it.',
  download_files_v1_run_tasks_download_files_post: 'In the Python SDK (download_files) and the public docs.',
};

/**
 * Operations whose function is written by hand in packages/core/src/api instead of generated, and why.
 * The Skyvern class takes these from there; every other method is built from the operation table.
 */
export const handWrittenOperations = {
  run_task_v1_run_tasks_post: 'Overloaded on waitForCompletion: answers the run, or waits for it to finish.',
  run_workflow_v1_run_agents_post: 'Overloaded on waitForCompletion: answers the run, or waits for it to finish.',
  login_v1_run_tasks_login_post: 'Overloaded on waitForCompletion: answers the run, or waits for it to finish.',
  get_run_v1_runs__run_id__get: 'Answers a Run, checked for the run_id and status that waiting relies on.',
  get_artifact_content_v1_artifacts__artifact_id__content_get: 'Answers the raw bytes as a Blob, not JSON.',
  upload_file_v1_upload_file_post: 'Multipart: the file part is read from a Blob, bytes or a stream by toFile.',
};
