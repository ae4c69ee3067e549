/**
 * npm start: serve the production build on $PORT with the best model available.
 * 1. Builds the app first if there is no build yet.
 * 2. Model: MODEL_DIR when set; else a model already under models/; else tries `npm run model:pull`
 *    (skipped with SKIP_MODEL_PULL=1); when that fails (no network), generates the random-weight
 *    test model, and the page shows a banner saying its rankings are meaningless. None with
 *    EMBEDDINGS_BASE_URL (the remote backend).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status === 0;

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('No production build yet: running next build');
  if (!run('npx', ['next', 'build'])) process.exit(1);
}

// A remote backend (EMBEDDINGS_BASE_URL) embeds elsewhere: no local model to find, pull or generate.
const needsModel = !process.env.MODEL_DIR && !process.env.EMBEDDINGS_BASE_URL;
if (needsModel && !run('npx', ['tsx', 'scripts/prepare-model.ts'])) process.exit(1);

await import('./serve.mjs');
