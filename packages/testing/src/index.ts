// Browser-safe test support: no React rendering, no server code.
export { createFakeClient, fakeCustomer } from './createFakeClient';
export type { FakeClient, FakeClientOptions, FakeCustomerInput, FakeWrite } from './createFakeClient';
export { FakeEventSource } from './FakeEventSource';
export { createFetchEventSource } from './createFetchEventSource';
export { createInstantQueryClient } from './createInstantQueryClient';
export { onlyRequirements } from './onlyRequirements';
