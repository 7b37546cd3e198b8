/**
 * `::part()` names of the elements' main pieces, by the class `@kyc-kit/react` gives them. The names are the
 * elements' styling API: `kyc-onboarding::part(button-primary) { border-radius: 0 }`.
 */
export const PART_BY_CLASS: Readonly<Record<string, string>> = {
  'kyc-root': 'root',
  'kyc-heading': 'heading',
  'kyc-progress': 'progress',
  'kyc-error-summary': 'error-summary',
  'kyc-field': 'field',
  'kyc-label': 'label',
  'kyc-legend': 'label',
  'kyc-hint': 'hint',
  'kyc-error': 'error',
  'kyc-input': 'input',
  'kyc-select': 'input',
  'kyc-checkbox': 'checkbox',
  'kyc-button': 'button',
  'kyc-actions': 'actions',
  'kyc-status': 'status',
  'kyc-badge': 'badge',
  'kyc-requirement-list': 'requirements',
  'kyc-document': 'terms-document',
};

/** The `part` attribute an element of the kit's markup gets, or `undefined` when it is not a main piece. */
export function partsOf(element: Element): string | undefined {
  const parts = new Set<string>();
  for (const name of element.classList) {
    const part = PART_BY_CLASS[name];
    if (part !== undefined) parts.add(part);
  }
  if (parts.has('button')) parts.add(`button-${element.getAttribute('data-variant') ?? 'primary'}`);
  return parts.size > 0 ? [...parts].join(' ') : undefined;
}

function applyParts(root: ParentNode): void {
  for (const element of root.querySelectorAll('[class]')) {
    const parts = partsOf(element);
    if (parts !== undefined && element.getAttribute('part') !== parts) element.setAttribute('part', parts);
  }
}

/**
 * Keeps `part` attributes on the kit's markup inside `root` as it renders. Only `class` and `data-variant` are
 * watched, so setting `part` does not call the observer again.
 */
export function observeParts(root: ShadowRoot): MutationObserver {
  applyParts(root);
  const observer = new MutationObserver(() => applyParts(root));
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class', 'data-variant'],
  });
  return observer;
}
