import { kycKitQueryKeys } from '@kyc-kit/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SandboxPanelInfo } from '../../server/createSandboxPanelRoutes';
import { usePreferences } from '../PreferencesProvider';

const panelQueryKey = ['northwind', 'sandbox-panel'] as const;

async function fetchPanelInfo(): Promise<SandboxPanelInfo> {
  const response = await fetch('/api/demo/sandbox', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/demo/sandbox answered ${response.status}`);
  return (await response.json()) as SandboxPanelInfo;
}

/** Sends one control request; resolves to the sandbox's message when it refused. */
async function sendControl(path: string, body: unknown): Promise<string | null> {
  const response = await fetch(`/api/demo/sandbox${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.ok) return null;
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return payload?.error?.message ?? `HTTP ${response.status}`;
}

/**
 * The sandbox's controls, for people trying the demo: force a capability's
 * status, finish verification, publish a new Terms of Service version. It is
 * styled unlike the wallet and says in words that it is not part of the app.
 * Only rendered when the server's upstream is the sandbox.
 */
export function SandboxPanel() {
  const { text } = usePreferences();
  const queryClient = useQueryClient();
  const info = useQuery({ queryKey: panelQueryKey, queryFn: fetchPanelInfo });
  const [capability, setCapability] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  const chosenCapability = capability ?? info.data?.capabilities[0] ?? '';
  const chosenStatus =
    status ?? info.data?.statuses.find((candidate) => candidate.toLowerCase() === 'active') ?? '';

  const run = async (path: string, body: unknown) => {
    setBusy(true);
    setResult('');
    try {
      const refusal = await sendControl(path, body);
      setResult(refusal === null ? text('sandboxDone') : text('sandboxFailed', { message: refusal }));
      // The event stream brings the change too; asking again covers a page that is not listening.
      await queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.customer() });
      await queryClient.invalidateQueries({ queryKey: panelQueryKey });
    } finally {
      setBusy(false);
    }
  };

  const onForce = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void run('/capabilities', { capability: chosenCapability, status: chosenStatus });
  };

  const hasCustomer = info.data?.customerId != null;
  return (
    <section className="sandbox-panel" aria-labelledby={`${id}-title`} data-testid="sandbox-panel">
      <h2 id={`${id}-title`}>
        <span className="sandbox-badge">Sandbox</span> {text('sandboxTitle')}
      </h2>
      <p>{text('sandboxNotice')}</p>
      {info.data !== undefined && !hasCustomer ? <p>{text('sandboxNoCustomer')}</p> : null}
      {info.data !== undefined && hasCustomer ? (
        <>
          <form onSubmit={onForce}>
            <div className="field">
              <label htmlFor={`${id}-capability`}>{text('sandboxCapability')}</label>
              <select
                id={`${id}-capability`}
                value={chosenCapability}
                onChange={(event) => setCapability(event.target.value)}
              >
                {info.data.capabilities.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-status`}>{text('sandboxStatus')}</label>
              <select
                id={`${id}-status`}
                value={chosenStatus}
                onChange={(event) => setStatus(event.target.value)}
              >
                {info.data.statuses.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {text('sandboxForce')}
            </button>
          </form>
          <button type="button" className="button" onClick={() => void run('/advance', {})}>
            {text('sandboxAdvance')}
          </button>
        </>
      ) : null}
      <button type="button" className="button" onClick={() => void run('/tos', {})}>
        {text('sandboxPublishTos')}
      </button>
      <p role="status">{result}</p>
      <h3>{text('sandboxMagicTitle')}</h3>
      <ul>
        <li>{text('sandboxMagicSsn')}</li>
        <li>{text('sandboxMagicPostalCode')}</li>
        <li>{text('sandboxMagicBirthYear')}</li>
        <li>{text('sandboxMagicLastName')}</li>
        <li>{text('sandboxMagicFirstName')}</li>
      </ul>
    </section>
  );
}
