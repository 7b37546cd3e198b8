import type { Preview } from '@storybook/react-vite';
import { kycKitDecorator } from '@kyc-kit/testing/storybook';
import { MINIMAL_VIEWPORTS } from 'storybook/viewport';
import '../packages/react/src/styles.css';

const preview: Preview = {
  parameters: {
    // A violation fails the story test, in CI and in the catalogue.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // The toolbar's viewports: a desktop and the narrowest phone WCAG reflow asks for (320 CSS px).
    viewport: {
      options: {
        ...MINIMAL_VIEWPORTS,
        desktop: { name: 'Desktop', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
        phone320: { name: 'Phone (320 px)', styles: { width: '320px', height: '640px' }, type: 'mobile' },
      },
    },
  },
  // Theme and locale for every story from the toolbar; unset, each story shows its own.
  // A story pins them for its test with `globals: { theme: 'dark', locale: 'es', viewport: { value: 'phone320' } }`.
  globalTypes: {
    theme: {
      description: 'Colour theme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale of the KycKitProvider',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // Every story runs inside a KycKitProvider over a fake client fed by the fixtures (parameters.kycKit): no network.
  decorators: [kycKitDecorator],
  tags: ['autodocs'],
};

export default preview;
