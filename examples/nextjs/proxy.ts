import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// Your own sign-in goes here. This example gives every browser an anonymous user in an HttpOnly cookie.
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (!request.cookies.has('session')) {
    response.cookies.set('session', crypto.randomUUID(), { httpOnly: true, sameSite: 'lax', path: '/' });
  }
  return response;
}

export const config = { matcher: '/' };
