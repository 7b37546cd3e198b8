import type { Customer } from '@kyc-kit/core';
import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider } from '@kyc-kit/hooks';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { createFakeClient } from '../createFakeClient';
import type { FakeClientOptions } from '../createFakeClient';
import { createInstantQueryClient } from '../createInstantQueryClient';
import { customerFixtures, tosDocumentFixtures } from '../fixtures/fixtures';

/**
 * What a story puts in `parameters.kycKit`. Storybook deep-merges parameters,
 * so a meta names its fixture (`fixture`) and only a story passes a whole
 * `customer` object (one derived from a fixture); two customer objects would merge.
 */
export interface KycKitStoryParameters extends Partial<Omit<FakeClientOptions, 'customer'>> {
  /** The sandbox fixture the fake client answers with; `none` for a user without a customer. */
  fixture?: keyof typeof customerFixtures | 'none';
  /** A customer derived from a fixture; wins over `fixture`. */
  customer?: Customer | null;
  /** The locale of the provider. @default 'en' */
  locale?: string;
  /** Renders the story in a box this many CSS pixels wide (a phone is 375). */
  width?: number;
}

function customerFor(parameters: KycKitStoryParameters | undefined): Customer | null {
  if (parameters?.customer !== undefined) return parameters.customer;
  const fixture = parameters?.fixture ?? 'none';
  return fixture === 'none' ? null : customerFixtures[fixture];
}

/** Wraps a story in a KycKitProvider over a fake client: stories never touch a network. */
export function KycKitStoryFrame({
  parameters,
  children,
}: {
  parameters: KycKitStoryParameters | undefined;
  children: ReactNode;
}) {
  // One client and cache per mounted story, so a play function starts from the fixture every time.
  const [client] = useState(() => {
    // Drafts of an earlier story would fill this one's form: every story starts empty.
    globalThis.sessionStorage?.clear();
    return createFakeClient({
      customer: customerFor(parameters),
      documents: parameters?.documents ?? tosDocumentFixtures,
      ...(parameters?.mode ? { mode: parameters.mode } : {}),
      ...(parameters?.rejectNextWrite ? { rejectNextWrite: parameters.rejectNextWrite } : {}),
      ...(parameters?.afterLastRequirement ? { afterLastRequirement: parameters.afterLastRequirement } : {}),
      ...(parameters?.liveUpdate ? { liveUpdate: parameters.liveUpdate } : {}),
    });
  });
  const [queryClient] = useState(createInstantQueryClient);
  const content = (
    <KycKitProvider
      client={client}
      queryClient={queryClient}
      locale={parameters?.locale ?? 'en'}
      // Spanish ships as its own entry point: stories pass it as a partner does.
      messages={parameters?.locale?.startsWith('es') ? es : undefined}
    >
      {children}
    </KycKitProvider>
  );
  return parameters?.width === undefined ? (
    content
  ) : (
    <div style={{ inlineSize: `${parameters.width}px` }}>{content}</div>
  );
}

/** The toolbar globals of `.storybook/preview.ts` the decorator applies to every story. */
export interface KycKitStoryGlobals {
  /** `dark` wraps the story in the dark palette (`data-theme`); unset or `light`: the story's own. */
  theme?: 'light' | 'dark';
  /** `en` or `es`: the provider's locale (and catalogue), over the story's `parameters.kycKit.locale`. */
  locale?: string;
  /** Storybook's viewport global: `phone320` also renders the story in a 320 px box (as in a test run). */
  viewport?: { value?: string } | string;
}

/** The width in CSS pixels of a named viewport of `.storybook/preview.ts`. */
export const STORY_VIEWPORT_WIDTHS: Record<string, number> = { phone320: 320 };

function viewportWidth(viewport: KycKitStoryGlobals['viewport']): number | undefined {
  const name = typeof viewport === 'string' ? viewport : viewport?.value;
  return name === undefined ? undefined : STORY_VIEWPORT_WIDTHS[name];
}

/**
 * The Storybook decorator: each story inside {@link KycKitStoryFrame}, fed by
 * `parameters.kycKit`, with the toolbar's theme, locale and viewport globals
 * applied (a story's own `globals` set them for its test). Typed structurally
 * so this file needs no Storybook import.
 */
export function kycKitDecorator(
  Story: () => ReactNode,
  context: {
    id: string;
    parameters: Record<string, unknown>;
    globals?: KycKitStoryGlobals;
    viewMode?: string;
  },
) {
  const storyParameters = context.parameters.kycKit as KycKitStoryParameters | undefined;
  // A Docs page shows each story as it opens: one that changes by itself (a live update's verdict) would move
  // focus to its new heading and scroll the page away from where the reader is. Its canvas and test still change.
  const parameters =
    context.viewMode === 'docs' && storyParameters?.liveUpdate !== undefined
      ? { ...storyParameters, liveUpdate: 'none' as const }
      : storyParameters;
  const globals = context.globals ?? {};
  const width = parameters?.width ?? viewportWidth(globals.viewport);
  const locale = globals.locale ?? parameters?.locale;
  const frame = (
    <KycKitStoryFrame
      key={`${context.id} ${locale ?? ''}`}
      parameters={{
        ...parameters,
        ...(locale === undefined ? {} : { locale }),
        ...(width === undefined ? {} : { width }),
      }}
    >
      <Story />
    </KycKitStoryFrame>
  );
  const content = locale === undefined ? frame : <div lang={locale}>{frame}</div>;
  if (globals.theme !== 'dark') return content;
  // The palette's custom properties inherit: every kit root inside takes the dark tokens, as does this backdrop.
  return (
    <div
      data-theme="dark"
      style={{
        background: 'var(--kyc-color-background)',
        color: 'var(--kyc-color-text)',
        padding: '1rem',
        minBlockSize: '100%',
      }}
    >
      {content}
    </div>
  );
}
