// The Storybook decorator (no testing-library: it runs in the catalogue too).
export { KycKitStoryFrame, kycKitDecorator } from './react/withKycKit';
export type { KycKitStoryParameters } from './react/withKycKit';
