// What a browser app can import from the kit: every export of hooks and react, and whatever
// of core they reach. scripts/size-budget.mjs builds it with the peers external ("own JS").
export * from '@kyc-kit/hooks';
export * from '@kyc-kit/react';
