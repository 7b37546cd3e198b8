import type { Preview } from '@storybook/react-vite';
import { kycKitDecorator } from '@kyc-kit/testing/storybook';
import '../packages/react/src/styles.css';

const preview: Preview = {
  parameters: {
    // A violation fails the story test, in CI and in the catalogue.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  // Every story runs inside a KycKitProvider over a fake client fed by the fixtures (parameters.kycKit): no network.
  decorators: [kycKitDecorator],
  tags: ['autodocs'],
};

export default preview;
