import { type ApiClient, createApiClient } from './client.js';

export type { ApiClient, ApiErrorDetail, LedgerFilter } from './client.js';
export { ApiError, createApiClient, queryString } from './client.js';

let current: ApiClient = createApiClient();

/** The client the stores use: same-origin in the app, pointed at a test server in unit specs. */
export function useApi(): ApiClient {
  return current;
}

export function setApiClient(client: ApiClient): void {
  current = client;
}
