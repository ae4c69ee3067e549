/**
 * What the page keeps in the browser between visits: named knowledge bases, the query and the
 * options. One zod schema, used to read back what IndexedDB or a share link hands over (both may
 * hold anything: an older version, a tampered link), so the page never trusts an unchecked shape.
 */
import { z } from 'zod';
import { DEFAULT_LONG_ENTRIES, INSTRUCTION_PRESETS, LONG_ENTRY_MODES, MIN_DIMENSIONS } from './schemas';
import { DEFAULT_KNOBS } from './teaching';

const PRESET_IDS = INSTRUCTION_PRESETS.map((p) => p.id) as [
  (typeof INSTRUCTION_PRESETS)[number]['id'],
  ...(typeof INSTRUCTION_PRESETS)[number]['id'][],
];

export const workspaceOptionsSchema = z.object({
  query: z.string(),
  /** As typed (a half-typed "0." stays as it is across a reload); the form parses them. */
  topK: z.string(),
  threshold: z.string(),
  /** The teaching knobs (lib/teaching.ts Knobs): dimensions and instruction. */
  knobs: z
    .object({
      dimensions: z.number().int().min(MIN_DIMENSIONS).nullable(),
      instruction: z.union([z.object({ preset: z.enum(PRESET_IDS) }), z.object({ custom: z.string() })]),
    })
    .default(DEFAULT_KNOBS),
  /** Added after the first saved version: a state saved without it reads as the default. */
  longEntries: z.enum(LONG_ENTRY_MODES).default(DEFAULT_LONG_ENTRIES),
});
export type WorkspaceOptions = z.infer<typeof workspaceOptionsSchema>;

export const namedBaseSchema = z.object({ id: z.string().min(1), name: z.string(), text: z.string() });
export type NamedBase = z.infer<typeof namedBaseSchema>;

export const WORKSPACE_VERSION = 1;

export const workspaceSchema = z
  .object({
    version: z.literal(WORKSPACE_VERSION),
    bases: z.array(namedBaseSchema).min(1),
    activeId: z.string(),
    options: workspaceOptionsSchema,
  })
  .refine((workspace) => workspace.bases.some((base) => base.id === workspace.activeId), {
    error: 'activeId names no base',
  });
export type Workspace = z.infer<typeof workspaceSchema>;

export function newBaseId(): string {
  return `kb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** @param name the first base's name, in the page's language (knowledgeBase.defaultName). */
export function initialWorkspace(text: string, options: WorkspaceOptions, name: string): Workspace {
  const id = newBaseId();
  return {
    version: WORKSPACE_VERSION,
    bases: [{ id, name, text }],
    activeId: id,
    options,
  };
}

export function activeBase(workspace: Workspace): NamedBase {
  // The schema guarantees the active id names a base; the fallback keeps the type honest.
  return workspace.bases.find((base) => base.id === workspace.activeId) ?? (workspace.bases[0] as NamedBase);
}

/** A name not yet in use: "Name", then "Name 2", "Name 3"…; a blank name becomes `fallback`. */
export function uniqueName(workspace: Workspace, wanted: string, fallback: string): string {
  const taken = new Set(workspace.bases.map((base) => base.name));
  const base = wanted.trim() || fallback;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}

export function setActiveText(workspace: Workspace, text: string): Workspace {
  return {
    ...workspace,
    bases: workspace.bases.map((base) => (base.id === workspace.activeId ? { ...base, text } : base)),
  };
}

export function addBase(workspace: Workspace, name: string, fallbackName: string, text = ''): Workspace {
  const id = newBaseId();
  return {
    ...workspace,
    bases: [...workspace.bases, { id, name: uniqueName(workspace, name, fallbackName), text }],
    activeId: id,
  };
}

export function renameBase(workspace: Workspace, id: string, name: string, fallbackName: string): Workspace {
  const others = { ...workspace, bases: workspace.bases.filter((base) => base.id !== id) };
  const unique = uniqueName(others, name, fallbackName);
  return {
    ...workspace,
    bases: workspace.bases.map((base) => (base.id === id ? { ...base, name: unique } : base)),
  };
}

/** Deleting the last base leaves one empty base (named `emptyName`), so there is always somewhere to type. */
export function deleteBase(workspace: Workspace, id: string, emptyName: string): Workspace {
  const bases = workspace.bases.filter((base) => base.id !== id);
  if (bases.length === 0) return initialWorkspace('', workspace.options, emptyName);
  const activeId = workspace.activeId === id ? (bases[0] as NamedBase).id : workspace.activeId;
  return { ...workspace, bases, activeId };
}

/** Reads stored or shared data; anything that is not a valid workspace is null, never a throw. */
export function readWorkspace(value: unknown): Workspace | null {
  const parsed = workspaceSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
