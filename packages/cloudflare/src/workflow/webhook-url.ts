/** The query parameter of the webhook URL that names the Workflow instance to wake. */
export const INSTANCE_PARAM = 'skyvern_instance';
