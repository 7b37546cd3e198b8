import type { Customer } from '@kyc-kit/core';
import { KycKitProvider } from '@kyc-kit/hooks';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { tosDocumentFixtures } from '../fixtures/fixtures';
import { createFakeClient } from './createFakeClient';
import { createInstantQueryClient } from './createInstantQueryClient';
import type { FakeClientOptions } from './createFakeClient';

/** What a story puts in `parameters.kycKit`. */
export interface KycKitStoryParameters extends Partial<FakeClientOptions> {
  /** The locale of the provider. @default 'en' */
  locale?: string;
  /** Renders the story in a box this many CSS pixels wide (a phone is 375). */
  width?: number;
}

/** Wraps a story in a KycKitProvider over a fake client: stories never touch a network. */
export function KycKitStoryFrame({ parameters, children }: { parameters: KycKitStoryParameters | undefined; children: ReactNode }) {
  // One client and cache per mounted story, so a play function starts from the fixture every time.
  const [client] = useState(() => {
    // Drafts of an earlier story would fill this one's form: every story starts empty.
    globalThis.sessionStorage?.clear();
    return createFakeClient({
      customer: parameters?.customer === undefined ? null : (parameters.customer as Customer | null),
      documents: parameters?.documents ?? tosDocumentFixtures,
      ...(parameters?.mode ? { mode: parameters.mode } : {}),
      ...(parameters?.rejectNextWrite ? { rejectNextWrite: parameters.rejectNextWrite } : {}),
      ...(parameters?.afterLastRequirement ? { afterLastRequirement: parameters.afterLastRequirement } : {}),
    });
  });
  const [queryClient] = useState(createInstantQueryClient);
  const content = (
    <KycKitProvider client={client} queryClient={queryClient} locale={parameters?.locale ?? 'en'}>
      {children}
    </KycKitProvider>
  );
  return parameters?.width === undefined ? content : <div style={{ inlineSize: `${parameters.width}px` }}>{content}</div>;
}

/**
 * The Storybook decorator: each story inside {@link KycKitStoryFrame}, fed by
 * `parameters.kycKit`. Typed structurally so this file needs no Storybook import.
 */
export function kycKitDecorator(Story: () => ReactNode, context: { id: string; parameters: Record<string, unknown> }) {
  return (
    <KycKitStoryFrame key={context.id} parameters={context.parameters.kycKit as KycKitStoryParameters | undefined}>
      <Story />
    </KycKitStoryFrame>
  );
}
