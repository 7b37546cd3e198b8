import type { CSSProperties } from 'react';

/**
 * Every theme token of `styles.css`, without its `--kyc-` prefix.
 * `appearance.variables` accepts exactly these names, so a typo is a type error
 * rather than a silently ignored style.
 */
export const THEME_TOKENS = [
  'color-background',
  'color-surface',
  'color-surface-raised',
  'color-text',
  'color-text-muted',
  'color-border',
  'color-border-subtle',
  'color-primary',
  'color-primary-hover',
  'color-on-primary',
  'color-danger',
  'color-danger-surface',
  'color-success',
  'color-success-surface',
  'color-warning',
  'color-warning-surface',
  'color-info',
  'color-info-surface',
  'color-neutral-surface',
  'color-input-background',
  'color-disabled',
  'color-focus',
  'font-family',
  'font-family-mono',
  'font-size-small',
  'font-size-body',
  'font-size-large',
  'font-size-heading',
  'font-weight-regular',
  'font-weight-medium',
  'font-weight-bold',
  'line-height',
  'line-height-tight',
  'space-1',
  'space-2',
  'space-3',
  'space-4',
  'space-5',
  'space-6',
  'radius-small',
  'radius',
  'radius-large',
  'radius-pill',
  'border-width',
  'border-width-strong',
  'focus-ring-width',
  'focus-ring-offset',
  'focus-ring-color',
  'shadow-small',
  'shadow',
  'control-height',
  'target-size',
  'max-width',
  'document-height',
  'duration',
  'easing',
] as const;

/** The name of one theme token of `styles.css`, without its `--kyc-` prefix. */
export type ThemeToken = (typeof THEME_TOKENS)[number];

/**
 * How the kit looks inside a partner's page.
 * @see styles.css for every token and its light and dark default.
 */
export interface Appearance {
  /**
   * The built-in palette to start from; sets `data-theme` on the component's root.
   * @default 'light'
   */
  theme?: 'light' | 'dark';
  /** Token overrides, e.g. `{ 'color-primary': '#0f766e', radius: '0' }`. */
  variables?: Partial<Record<ThemeToken, string>>;
}

/** The inline style (custom properties only) that applies `appearance.variables`. */
export function themeStyle(appearance: Appearance | undefined): CSSProperties | undefined {
  const variables = appearance?.variables;
  if (!variables) return undefined;
  const style: Record<string, string> = {};
  for (const [token, value] of Object.entries(variables)) {
    if (value !== undefined) style[`--kyc-${token}`] = value;
  }
  return style as CSSProperties;
}

/** The attributes a component root carries for an `appearance` and a partner's `className`. */
export function rootProps(
  appearance: Appearance | undefined,
  className: string | undefined,
): { className: string; style: CSSProperties | undefined; 'data-theme': 'light' | 'dark' | undefined } {
  return {
    className: className ? `kyc-root ${className}` : 'kyc-root',
    style: themeStyle(appearance),
    'data-theme': appearance?.theme,
  };
}
