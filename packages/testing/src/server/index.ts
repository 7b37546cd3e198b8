// Server-side test support: the real proxy in front of the real sandbox, in this process.
export {
  APP_ORIGIN,
  BASE_PATH,
  CLIENT_ADDRESS,
  SANDBOX_ORIGIN,
  WEBHOOK_SECRET,
  createProxyHarness,
} from './createProxyHarness';
export type {
  EventStream,
  ProxyHarness,
  ProxyHarnessOptions,
  SendOptions,
  StreamMessage,
  UpstreamCall,
} from './createProxyHarness';
export { createInProcessProxy } from './createInProcessProxy';
export type { InProcessProxy } from './createInProcessProxy';
export { makeFixtures } from './makeFixtures';
export type { FixtureFiles } from './makeFixtures';
export { findPostgresBinaries, startPostgresCluster } from './startPostgresCluster';
export type { PostgresCluster } from './startPostgresCluster';
