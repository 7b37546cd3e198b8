/** styles.css of @kyc-kit/react, which the module is made from. */
export const stylesFile: string;
/** src/reactStyles.ts, the module written. */
export const outputFile: string;
/** The module's text for the current styles.css. */
export function reactStylesModule(): Promise<string>;
