'use client';
import { KycKitProvider, createProxyClient } from '@kyc-kit/hooks';
import { useState } from 'react';
import type { ReactNode } from 'react';

/** The kit's provider, on the client: the proxy client is not something a server component can pass down. */
export function KycKit({ children }: { children: ReactNode }) {
  const [client] = useState(() => createProxyClient());
  return <KycKitProvider client={client}>{children}</KycKitProvider>;
}
