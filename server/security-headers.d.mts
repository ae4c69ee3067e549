/** Types of ./security-headers.mjs (plain JavaScript, for next.config.js). */
export interface HeaderEntry {
  key: string;
  value: string;
}
export declare const SECURITY_HEADERS: readonly HeaderEntry[];
export declare const API_CONTENT_SECURITY_POLICY: HeaderEntry;
