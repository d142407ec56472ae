// The key lives here, not on the client object: nothing that serializes or
// inspects a client (console.log, JSON.stringify, an error's cause) can reach it.
const keys = new WeakMap<object, string>();

export function rememberApiKey(client: object, apiKey: string | undefined): void {
  if (apiKey) keys.set(client, apiKey);
}

export function apiKeyOf(client: object): string | undefined {
  return keys.get(client);
}
