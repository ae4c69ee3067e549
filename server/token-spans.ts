/**
 * Readable tokens for the tokenizer view and POST /api/tokenize. Qwen3's tokenizer is byte-level
 * BPE: its token strings spell UTF-8 bytes with stand-in characters (`Ġ` for a space, `ä¸` for
 * half of a Chinese character), which nobody can read. Each token's bytes are recovered from those
 * stand-ins and laid over the UTF-8 bytes of the original text, which gives its character span;
 * the shown text is that span of the original. A character split over two tokens lies in both
 * spans, so a view can show it once, spanning both.
 */

export interface TokenSpan {
  id: number;
  /** The original text under the token (for a special token: its own spelling). */
  text: string;
  special: boolean;
  /** Offsets into the text, in UTF-16 code units (JavaScript string indices); stop is exclusive. */
  start: number;
  stop: number;
}

/**
 * GPT-2's byte ↔ character table, which byte-level BPE vocabularies (Qwen's included) are written
 * in: printable Latin-1 bytes stand for themselves, the rest are shifted to U+0100 onwards.
 */
const CHAR_TO_BYTE: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    map.set(String.fromCharCode(printable ? b : 256 + shifted++), b);
  }
  return map;
})();

const encoder = new TextEncoder();

/** How many UTF-8 bytes a token stands for: its stand-in characters, or its own spelling when it has others. */
export function tokenByteLength(token: string): number {
  let count = 0;
  for (const ch of token) {
    if (!CHAR_TO_BYTE.has(ch)) return encoder.encode(token).length;
    count++;
  }
  return count;
}

/**
 * Character spans of `tokens` (the tokenizer's strings for `text`, in order, no special tokens
 * added) over `text`. `isSpecial(id)` marks added/special tokens.
 */
export function tokenSpans(
  text: string,
  tokens: readonly string[],
  ids: readonly number[],
  isSpecial: (id: number) => boolean,
): TokenSpan[] {
  // charAtByte[b] = the JS index of the character that UTF-8 byte b belongs to.
  const charAtByte: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) charAtByte.push(i);
    i += units;
  }
  const charEnd = (index: number) => index + ((text.codePointAt(index) as number) > 0xffff ? 2 : 1);

  const spans: TokenSpan[] = [];
  let byte = 0;
  tokens.forEach((token, k) => {
    const id = ids[k] as number;
    const length = tokenByteLength(token);
    const first = charAtByte[byte];
    const last = charAtByte[byte + length - 1];
    byte += length;
    const special = isSpecial(id);
    if (first === undefined || last === undefined) {
      // Past the text (cannot happen when the tokens come from this text); keep the token visible.
      spans.push({ id, text: token, special, start: text.length, stop: text.length });
      return;
    }
    const stop = charEnd(last);
    spans.push({ id, text: special ? token : text.slice(first, stop), special, start: first, stop });
  });
  return spans;
}
