// The Storybook decorator (no testing-library: it runs in the catalogue too).
export { KycKitStoryFrame, kycKitDecorator, STORY_VIEWPORT_WIDTHS } from './react/withKycKit';
export type { KycKitStoryGlobals, KycKitStoryParameters } from './react/withKycKit';
export { targetAndFocusProblems } from './targetAndFocusProblems';
