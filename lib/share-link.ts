/**
 * Share links: one knowledge base, the query and the options, compressed into the URL fragment.
 * The fragment never reaches a server (browsers do not send it), so nothing is stored anywhere.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import { workspaceOptionsSchema } from './workspace';

/** The fragment key: `#share=v1.<lz-string>`; the version lets a later format tell old links apart. */
export const SHARE_PARAM = 'share';
const SHARE_PREFIX = 'v1.';

/**
 * Above this many characters a link is likely cut by the places people paste it (mail clients,
 * chat apps, some browsers' address bars start failing past 32 K; many tools stop at 8 K): the page
 * says so and offers the JSON export instead.
 */
export const SHARE_URL_MAX_CHARS = 8_000;

export const sharedStateSchema = z.object({
  name: z.string(),
  text: z.string(),
  options: workspaceOptionsSchema,
});
export type SharedState = z.infer<typeof sharedStateSchema>;

export function shareFragment(state: SharedState): string {
  return `${SHARE_PARAM}=${SHARE_PREFIX}${compressToEncodedURIComponent(JSON.stringify(state))}`;
}

export function shareUrl(pageUrl: string, state: SharedState): string {
  const url = new URL(pageUrl);
  url.hash = shareFragment(state);
  return url.toString();
}

export type SharedRead =
  | { kind: 'none' }
  | { kind: 'ok'; state: SharedState }
  /** Damaged or cut off: the page says so in its own words (sharing.broken). */
  | { kind: 'broken' };

/** Reads a location hash (`#…`). Not a share link → none; a damaged one → broken, never a throw. */
export function readShareFragment(hash: string): SharedRead {
  const fragment = hash.replace(/^#/, '');
  const prefix = `${SHARE_PARAM}=`;
  if (!fragment.startsWith(prefix)) return { kind: 'none' };
  const payload = fragment.slice(prefix.length);
  if (!payload.startsWith(SHARE_PREFIX)) return { kind: 'broken' };
  let json: unknown;
  try {
    // A cut or altered payload decompresses to null, '' or garbage: all end in the catch or the schema.
    const text = decompressFromEncodedURIComponent(payload.slice(SHARE_PREFIX.length));
    json = JSON.parse(text ?? '');
  } catch {
    return { kind: 'broken' };
  }
  const parsed = sharedStateSchema.safeParse(json);
  return parsed.success ? { kind: 'ok', state: parsed.data } : { kind: 'broken' };
}
