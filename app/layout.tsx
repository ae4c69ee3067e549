import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { CATALOGUES } from '@/lib/i18n/catalogues';
import { LOCALE_TAGS } from '@/lib/i18n/locales';
import { requestLocale, requestTheme } from '@/server/request-preferences';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { meta } = CATALOGUES[await requestLocale()];
  return { title: meta.title, description: meta.description };
}

/** A color-scheme meta tag too, so the browser paints its blank canvas in the theme before the CSS arrives. */
export async function generateViewport(): Promise<Viewport> {
  const theme = await requestTheme();
  return { colorScheme: theme === 'system' ? 'light dark' : theme };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: Next puts proxy.ts's per-request CSP nonce on its scripts only then.
  await connection();
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  return (
    // data-theme picks the light or dark half of every colour before the first paint (app/theme.css).
    <html lang={LOCALE_TAGS[locale]} data-theme={theme}>
      <body className="min-h-dvh font-sans">
        <Providers locale={locale} theme={theme}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
