import 'server-only';
import { DEFAULT_LIMITS, requestSchemas } from '../lib/schemas';
import { settings } from './settings';

/** The shared schemas with this server's configured limits. */
export const schemas = requestSchemas({
  maxInputs: settings().MAX_INPUTS,
  maxCharsPerText: settings().MAX_CHARS_PER_TEXT,
  maxInstructionChars: DEFAULT_LIMITS.maxInstructionChars,
});
