import 'server-only';
/** The app's settings, validated once (the schema and defaults: ./settings-schema). */
import { z } from 'zod';
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

/**
 * `npm run model:pull` reads the variables the Hugging Face tools read, so a mirror or a token set
 * up for them works here too. Kept apart from the server's schema: a pull needs none of its settings.
 */
const hubEnvSchema = z.object({
  HF_ENDPOINT: z
    .url({ protocol: /^https?$/ })
    .default('https://huggingface.co')
    .transform((url) => url.replace(/\/+$/, '')),
  /** HUGGING_FACE_HUB_TOKEN is the older name huggingface_hub still honours. */
  HF_TOKEN: z.string().min(1).optional(),
  HUGGING_FACE_HUB_TOKEN: z.string().min(1).optional(),
});

export interface HubSettings {
  endpoint: string;
  token?: string;
}

export function hubSettings(): HubSettings {
  const parsed = hubEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Hugging Face settings: ${problems}`);
  }
  return {
    endpoint: parsed.data.HF_ENDPOINT,
    token: parsed.data.HF_TOKEN ?? parsed.data.HUGGING_FACE_HUB_TOKEN,
  };
}
