import type { ReactNode, Ref } from 'react';

interface CardProps {
  /** Used for the heading's id, so the section is named by its heading. */
  id: string;
  title: string;
  description?: ReactNode;
  /** Shown at the right of the heading (a count, a status). */
  aside?: ReactNode;
  children: ReactNode;
  ref?: Ref<HTMLElement>;
}

export function Card({ id, title, description, aside, children, ref }: CardProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      ref={ref}
      id={id}
      aria-labelledby={headingId}
      className="scroll-mt-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <div className="mb-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={headingId} className="font-semibold text-lg text-slate-900">
            {title}
          </h2>
          {aside}
        </div>
        {description ? <p className="mt-0.5 text-slate-500 text-sm">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
