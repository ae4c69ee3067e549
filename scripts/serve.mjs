/**
 * Starts the production server (server/front/serve.ts): `node scripts/serve.mjs`, also what
 * `npm start` runs after building. The server is TypeScript so that it validates its settings with
 * the app's own schema; tsx compiles it on the fly (cached after the first start).
 */
import { register } from 'tsx/esm/api';

register();
const { serve } = await import('../server/front/serve.ts');
await serve();
