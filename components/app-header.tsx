'use client';

import { useI18n } from './i18n-provider';
import { LanguageSwitch } from './language-switch';
import { ModelStatus } from './model-status';
import { ThemeSwitch } from './theme-switch';

export function AppHeader() {
  const { m } = useI18n();
  return (
    <header className="border-slate-200 border-b bg-white">
      <div className="mx-auto flex max-w-6xl 2xl:max-w-[1800px] flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-3">
          <RadarLogo />
          <div>
            <h1 className="font-bold text-lg text-slate-900 leading-tight tracking-tight">
              {m.header.title}
            </h1>
            <p className="text-slate-500 text-xs">{m.header.tagline}</p>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ModelStatus />
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </div>
    </header>
  );
}

function RadarLogo() {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className="size-9 shrink-0">
      <rect width="32" height="32" rx="8" className="fill-sky-600" />
      <g fill="none" stroke="white" strokeWidth="1.6" strokeLinecap="round">
        <circle cx="16" cy="16" r="10" opacity="0.45" />
        <circle cx="16" cy="16" r="5.5" opacity="0.7" />
        <path d="M16 16 L23.5 9.5" />
      </g>
      <circle cx="21" cy="12.5" r="1.8" fill="#6ee7b7" />
      <circle cx="16" cy="16" r="1.4" fill="white" />
    </svg>
  );
}
