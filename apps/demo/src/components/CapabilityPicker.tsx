import { capabilityNameId, KNOWN_CAPABILITIES } from '@kyc-kit/core';
import { useKycKit } from '@kyc-kit/hooks';
import { useId } from 'react';
import { usePreferences } from '../PreferencesProvider';
import { useRouter } from '../RouterProvider';

/** The capability named in `?capability=`, if it is one of the kit's eight; `custodyFiat` otherwise. */
export function useChosenCapability(): string {
  const { location } = useRouter();
  const requested = location.search.get('capability');
  return (KNOWN_CAPABILITIES as readonly string[]).find((name) => name === requested) ?? 'custodyFiat';
}

/**
 * Chooses which capability the onboarding page unlocks. The choice lives in
 * the address (`?capability=`), which holds a capability name and nothing
 * a person typed.
 */
export function CapabilityPicker() {
  const { text } = usePreferences();
  const { t } = useKycKit();
  const { location, navigate } = useRouter();
  const capability = useChosenCapability();
  const id = useId();
  return (
    <div className="field capability-picker">
      <label htmlFor={id}>{text('chooseCapability')}</label>
      <select
        id={id}
        value={capability}
        onChange={(event) =>
          navigate(`${location.pathname}?capability=${event.target.value}`, { replace: true })
        }
      >
        {KNOWN_CAPABILITIES.map((name) => (
          <option key={name} value={name}>
            {t(capabilityNameId(name))}
          </option>
        ))}
      </select>
    </div>
  );
}
