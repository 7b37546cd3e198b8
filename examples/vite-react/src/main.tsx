import '@kyc-kit/react/styles.css';
import { KycKitProvider, createProxyClient } from '@kyc-kit/hooks';
import { CapabilityGate, Onboarding } from '@kyc-kit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Talks to @kyc-kit/proxy, mounted by server.mjs at /api/onboarding on this origin.
const client = createProxyClient();

function App() {
  return (
    <main>
      <h1>Acme Pay</h1>
      <Onboarding capability="custodyFiat" />
      <CapabilityGate
        capability="custodyFiat"
        fallback={<p>Your US dollar account opens once you are verified.</p>}
      >
        <p>Your US dollar account is open.</p>
      </CapabilityGate>
    </main>
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <KycKitProvider client={client}>
      <App />
    </KycKitProvider>
  </StrictMode>,
);
