/** Generates the random-weight test model once (cheap when it is already there and current). */
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync('npx', ['tsx', 'scripts/make-test-model.ts'], { stdio: 'inherit' });
}
