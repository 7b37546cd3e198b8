/**
 * Query keys of everything the kit caches, for partners who compose their own
 * queries or invalidate the kit's (TanStack Query's key-factory pattern).
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.all });
 */
export const kycKitQueryKeys = {
  /** Every kit query. */
  all: ['kyc-kit'] as const,
  /** The signed-in user's customer. */
  customer: () => ['kyc-kit', 'customer'] as const,
  /** Every Terms of Service document. */
  termsOfServiceDocuments: () => ['kyc-kit', 'tos'] as const,
  /** One Terms of Service document in one language. */
  termsOfServiceDocument: (versionId: string, language: string) =>
    ['kyc-kit', 'tos', versionId, language] as const,
};
