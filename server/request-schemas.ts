import 'server-only';
import { DEFAULT_LIMITS, type RequestLimits, requestSchemas } from '../lib/schemas';
import { settings } from './settings';

/** This server's configured request limits (also published in /api/health for clients). */
export const requestLimits: RequestLimits = {
  maxInputs: settings().MAX_INPUTS,
  maxCharsPerText: settings().MAX_CHARS_PER_TEXT,
  maxInstructionChars: DEFAULT_LIMITS.maxInstructionChars,
};

/** The shared schemas with this server's configured limits. */
export const schemas = requestSchemas(requestLimits);
