/**
 * Clean-up applied to every text before it is tokenised: pasted text often carries invisible
 * characters that change the tokens (and so the vector) but not the meaning. Shared by the server
 * and the page, so both agree on what is blank. Deterministic, documented in the README: NFC
 * normalisation; zero-width, BOM and bidi-control characters removed; NUL and other C0/C1 control
 * characters (but tab and newlines) removed; lone UTF-16 surrogates replaced by U+FFFD; surrounding
 * whitespace trimmed.
 */
import { invalid } from './errors';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u00AD]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The one change /v1/embeddings makes to a text (it embeds texts exactly as sent otherwise). */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .trim();
}

/** Cleans one request text; a text that is empty afterwards is a 400 naming `field`. */
export function cleanRequiredText(text: string, field: string): string {
  const cleaned = cleanText(text);
  if (!cleaned) throw invalid(field, 'is empty (after removing whitespace and invisible characters)');
  return cleaned;
}

/** Cleans every text; one that is empty afterwards is a 400 naming it (e.g. `knowledgeBase[3]`). */
export function cleanRequiredTexts(texts: readonly string[], field: string): string[] {
  return texts.map((text, i) => cleanRequiredText(text, `${field}[${i}]`));
}
