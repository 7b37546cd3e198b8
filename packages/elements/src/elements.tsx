import type { OnboardingEvent } from '@kyc-kit/hooks';
import { CapabilityGate, CapabilityStatus, Onboarding } from '@kyc-kit/react';
import type { OnboardingProps } from '@kyc-kit/react';
import type { ReactNode } from 'react';
import { KycKitElement } from './KycKitElement';

/** The flow's callbacks, turned into the elements' events. */
function flowCallbacks(
  emit: KycKitElement['emit'],
  withExit: boolean,
): Pick<OnboardingProps, 'onComplete' | 'onStepChange' | 'onExit' | 'onEvent' | 'liveUpdates'> {
  return {
    // The session's one event stream keeps the shared cache live for every element.
    liveUpdates: false,
    onComplete: ({ customerId, capabilities }) =>
      emit('kyc-complete', { customerId, capabilities: [...capabilities] }),
    onStepChange: ({ stepId, stepNumber, stepCount }) =>
      emit('kyc-step-change', { stepId, stepNumber, stepCount }),
    onExit: withExit ? ({ state }) => emit('kyc-exit', { state }) : undefined,
    onEvent: (event: OnboardingEvent) => {
      if (event.type === 'step_submit_failed') {
        emit('kyc-error', {
          code: event.code,
          stepId: event.stepId,
          fieldKeys: [...event.fieldKeys],
        });
      } else if (event.type === 'state_changed' && event.state === 'error') {
        emit('kyc-error', { code: 'load_failed' });
      }
    },
  };
}

/** `capability="a b"` onboards for several capabilities. */
function capabilityOptions(capability: string): { capability: string } | { capabilities: string[] } {
  const names = capability.split(/\s+/).filter((name) => name !== '');
  return names.length > 1 ? { capabilities: names } : { capability: names[0] ?? '' };
}

/**
 * `<kyc-onboarding capability="custodyFiat">`: the whole onboarding flow of `@kyc-kit/react`'s `<Onboarding>`
 * in an open shadow root. Dispatches `kyc-step-change`, `kyc-complete`, `kyc-error` and (with `show-exit`)
 * `kyc-exit`.
 */
export class KycKitOnboardingElement extends KycKitElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'show-exit'];
  }
  protected static override upgradedProperties = [...KycKitElement.upgradedProperties, 'showExit'];

  /** Shows an exit button; pressing it dispatches `kyc-exit`. Reflects `show-exit`. */
  get showExit(): boolean {
    return this.hasAttribute('show-exit');
  }
  set showExit(value: boolean) {
    this.toggleAttribute('show-exit', value);
  }

  #callbacks(withExit: boolean) {
    return flowCallbacks((type, detail) => this.emit(type, detail), withExit);
  }

  protected renderContent(): ReactNode {
    if (this.capability.trim() === '') return null;
    return (
      <Onboarding
        {...capabilityOptions(this.capability)}
        {...this.#callbacks(this.showExit)}
        support={this.support}
        appearance={this.effectiveAppearance}
      />
    );
  }
}

/**
 * `<kyc-capability-status capability="custodyFiat">`: a capability's status in plain words and what is still
 * needed, as `@kyc-kit/react`'s `<CapabilityStatus>`; updates itself live.
 */
export class KycKitCapabilityStatusElement extends KycKitElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'hide-requirements'];
  }
  protected static override upgradedProperties = [...KycKitElement.upgradedProperties, 'hideRequirements'];

  /** Leaves out the list of what is still needed. Reflects `hide-requirements`. */
  get hideRequirements(): boolean {
    return this.hasAttribute('hide-requirements');
  }
  set hideRequirements(value: boolean) {
    this.toggleAttribute('hide-requirements', value);
  }

  protected renderContent(): ReactNode {
    if (this.capability.trim() === '') return null;
    return (
      <CapabilityStatus
        capability={this.capability.trim()}
        showRequirements={!this.hideRequirements}
        support={this.support}
        appearance={this.effectiveAppearance}
      />
    );
  }
}

/**
 * `<kyc-capability-gate capability="transferFiat"><button>Send</button></kyc-capability-gate>`: shows its
 * children only while the capability is active; otherwise the children of `slot="fallback"`, or by default a way
 * into onboarding (whose events it dispatches), as `@kyc-kit/react`'s `<CapabilityGate>`.
 */
export class KycKitCapabilityGateElement extends KycKitElement {
  #children: MutationObserver | undefined;
  #hasFallback = false;

  #findsFallback(): boolean {
    return this.querySelector(':scope > [slot="fallback"]') !== null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Whether a `slot="fallback"` child exists decides what the gate renders: follow the children and their
    // `slot` (the subtree's other changes, the page's own content changing, need no render).
    this.#children ??= new MutationObserver(() => {
      if (this.#findsFallback() !== this.#hasFallback) this.render();
    });
    this.#children.observe(this, { childList: true, subtree: true, attributeFilter: ['slot'] });
  }

  override disconnectedCallback(): void {
    this.#children?.disconnect();
    super.disconnectedCallback();
  }

  #callbacks(withExit: boolean) {
    return flowCallbacks((type, detail) => this.emit(type, detail), withExit);
  }

  protected renderContent(): ReactNode {
    if (this.capability.trim() === '') return null;
    const hasFallback = (this.#hasFallback = this.#findsFallback());
    return (
      <CapabilityGate
        capability={this.capability.trim()}
        appearance={this.effectiveAppearance}
        fallback={hasFallback ? <slot name="fallback" /> : undefined}
        support={this.support}
        onboarding={this.#callbacks(false)}
      >
        <slot />
      </CapabilityGate>
    );
  }
}
