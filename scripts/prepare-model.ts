/**
 * Run by `npm start` when MODEL_DIR is not set: makes sure the server will find a model.
 * A real model already under models/ → nothing to do. Else try `model:pull` (unless
 * SKIP_MODEL_PULL=1); when that fails (no network), generate the random-weight test model, which
 * the server then picks up and flags with a banner.
 */
import { spawnSync } from 'node:child_process';
import { findRealModelDir } from '../server/model-files';
import { ensureTestModel } from './test-model';

const realModel = findRealModelDir();
if (realModel) {
  console.log(`Model: ${realModel}`);
} else {
  const pulled =
    process.env.SKIP_MODEL_PULL !== '1' &&
    spawnSync('npm', ['run', '-s', 'model:pull'], { stdio: 'inherit' }).status === 0;
  if (!pulled) {
    console.log(
      'No real model could be had: starting on the random-weight test model (rankings are meaningless).',
    );
    ensureTestModel();
  }
}
