import { QueryClient } from '@tanstack/react-query';

/** A query client for tests and stories: retries (the hooks retry network errors) happen at once. */
export function createInstantQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, retryDelay: 0, gcTime: Infinity } } });
}
