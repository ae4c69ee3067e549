import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { CATALOGUES } from '@/lib/i18n/catalogues';
import { LOCALE_TAGS } from '@/lib/i18n/locales';
import { requestLocale } from '@/server/request-preferences';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { meta } = CATALOGUES[await requestLocale()];
  return { title: meta.title, description: meta.description };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: Next puts proxy.ts's per-request CSP nonce on its scripts only then.
  await connection();
  const locale = await requestLocale();
  return (
    <html lang={LOCALE_TAGS[locale]}>
      <body className="min-h-dvh font-sans">
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
