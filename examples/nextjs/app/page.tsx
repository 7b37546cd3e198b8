import { CapabilityGate, Onboarding } from '@kyc-kit/react';
import { KycKit } from './KycKit';

// Rendered on the server for every request.
export const dynamic = 'force-dynamic';

// A server component: it renders the kit's client components directly ("use client" is in the package).
export default function HomePage() {
  return (
    <main>
      <h1>Acme Pay</h1>
      <KycKit>
        <Onboarding capability="tradeCrypto" />
        <CapabilityGate capability="tradeCrypto" fallback={<p>Buying crypto opens once you are verified.</p>}>
          <p>You can buy crypto now.</p>
        </CapabilityGate>
      </KycKit>
    </main>
  );
}
