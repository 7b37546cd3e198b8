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

/**
 * The Storybook decorator: each story inside {@link KycKitStoryFrame}, fed by
 * `parameters.kycKit`. Typed structurally so this file needs no Storybook import.
 */
export function kycKitDecorator(
  Story: () => ReactNode,
  context: { id: string; parameters: Record<string, unknown> },
) {
  return (
    <KycKitStoryFrame
      key={context.id}
      parameters={context.parameters.kycKit as KycKitStoryParameters | undefined}
    >
      <Story />
    </KycKitStoryFrame>
  );
}
