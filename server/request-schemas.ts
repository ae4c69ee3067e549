import 'server-only';
import { DEFAULT_LIMITS, requestSchemas } from '../lib/schemas';
import { settings } from './settings';

/** The shared schemas with this server's configured limits. */
export const schemas = requestSchemas({
  maxInputs: settings().MAX_INPUTS,
  maxCharsPerText: settings().MAX_CHARS_PER_TEXT,
  maxInstructionChars: DEFAULT_LIMITS.maxInstructionChars,
});

/** The same limits for /v1/embeddings (MAX_INPUTS is OpenAI's 2,048 by default). */
export const openAILimits = {
  maxInputs: settings().MAX_INPUTS,
  maxCharsPerText: settings().MAX_CHARS_PER_TEXT,
  maxInstructionChars: DEFAULT_LIMITS.maxInstructionChars,
};
