import 'server-only';
/** The app's settings, validated once (the schema and defaults: ./settings-schema). */
import { parseSettings, type Settings } from './settings-schema';

export type { Settings };

let cached: Settings | undefined;

export function settings(): Settings {
  cached ??= parseSettings();
  return cached;
}
