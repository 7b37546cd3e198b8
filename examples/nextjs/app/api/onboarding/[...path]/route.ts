import { onboardingHandler } from '../../../../lib/onboarding';

// Every kit call, the event stream and the provider's webhooks go through the proxy's Fetch handler.
export const dynamic = 'force-dynamic';

function handle(request: Request): Promise<Response> {
  return onboardingHandler()(request);
}

export { handle as GET, handle as PATCH, handle as POST };
