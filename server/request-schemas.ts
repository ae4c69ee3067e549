import 'server-only';
import { requestSchemas } from '../lib/schemas';
import { requestLimits, settings } from './settings';

/** The shared schemas with this server's configured limits. */
export const schemas = requestSchemas(requestLimits(settings()));
