import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Semantic Radar',
  description: 'Paste a knowledge base, ask a question, and see the entries ranked by meaning.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: Next puts proxy.ts's per-request CSP nonce on its scripts only then.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
