import 'server-only';
/** The app's settings, validated once (the schema and defaults: ./settings-schema). */
import { MAX_INSTRUCTION_CHARS, type RequestLimits } from '../lib/schemas';
import { GPU_DEFAULT_MAX_TOKENS, parseSettings, type Settings } from './settings-schema';

export type { Settings };

let cached: Settings | undefined;

export function settings(): Settings {
  cached ??= parseSettings();
  return cached;
}

/**
 * The request limits these settings impose. maxTokens depends on the device when MAX_TOKENS is
 * unset; until the model has loaded this says the model's context, and the embedder reports the
 * effective value (maxTokensFor, capped by the model) once it is ready.
 */
export function requestLimits(s: Settings): RequestLimits {
  return {
    maxInputs: s.MAX_INPUTS,
    maxCharsPerText: s.MAX_CHARS_PER_TEXT,
    maxInstructionChars: MAX_INSTRUCTION_CHARS,
    maxTokens: s.MAX_TOKENS ?? GPU_DEFAULT_MAX_TOKENS,
    maxRequestTokens: s.MAX_REQUEST_TOKENS,
  };
}
