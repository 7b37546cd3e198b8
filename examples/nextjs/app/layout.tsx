import '@kyc-kit/react/styles.css';
import type { ReactNode } from 'react';

export const metadata = { title: 'Acme Pay' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
