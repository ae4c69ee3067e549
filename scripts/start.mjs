/**
 * npm start: serve the production build on $PORT with the best model available.
 * 1. Builds the app first if there is no build yet.
 * 2. Model: MODEL_DIR when set; else a model already under models/; else tries `npm run model:pull`
 *    (skipped with SKIP_MODEL_PULL=1); when that fails (no network), generates the random-weight
 *    test model, and the page shows a banner saying its rankings are meaningless.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status === 0;

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('No production build yet: running next build');
  if (!run('npx', ['next', 'build'])) process.exit(1);
}

const hasRealModel = () =>
  fs.existsSync('models') &&
  fs.readdirSync('models').some((name) => {
    const config = `models/${name}/config.json`;
    return fs.existsSync(config) && !JSON.parse(fs.readFileSync(config, 'utf8'))._semantic_radar_test_model;
  });

if (!process.env.MODEL_DIR && !hasRealModel()) {
  const pulled = process.env.SKIP_MODEL_PULL !== '1' && run('npx', ['tsx', 'scripts/pull-model.ts']);
  if (!pulled) {
    console.log(
      'No real model could be had: starting on the random-weight test model (rankings are meaningless).',
    );
    if (!run('npx', ['tsx', 'scripts/make-test-model.ts'])) process.exit(1);
  }
}

await import('./serve.mjs');
