/**
 * Which Host a request may name. A page on another site can point its own DNS name at 127.0.0.1
 * (DNS rebinding) and then call this server from the user's browser as "same origin"; refusing
 * host names that are not configured stops that. IP literals are always allowed: rebinding works
 * through names only, and a server reached by its address is reached on purpose.
 */
import net from 'node:net';

export type HostVerdict = 'ok' | 'missing' | 'not_allowed';

/** The host name of a Host header, lower-case, without port or IPv6 brackets; undefined if unparsable. */
export function hostName(header: string): string | undefined {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 1 ? value.slice(1, end) : undefined;
  }
  const name = value.replace(/:\d*$/, '');
  return name || undefined;
}

export function checkHost(header: string | undefined, allowed: readonly string[]): HostVerdict {
  if (!header) return 'missing';
  const name = hostName(header);
  if (!name) return 'missing';
  if (allowed.includes('*') || net.isIP(name) !== 0) return 'ok';
  // A trailing dot names the same host ("localhost." is "localhost").
  return allowed.includes(name.replace(/\.$/, '')) ? 'ok' : 'not_allowed';
}
