/**
 * `npm run model:pull` against a local stand-in of the hub (tests/support/hub-stand-in.ts) that
 * serves the generated test model: the real script, the real @huggingface/hub calls, real HTTP.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TEST_MODEL_DIR } from '../server/model-files';
import { startHubStandIn } from '../tests/support/hub-stand-in';

const REPO = 'test-org/qwen3-embedding-tiny';
const TOKEN = 'hf_standintoken';
const MODEL_FILE = 'onnx/model.onnx';

let hub: Awaited<ReturnType<typeof startHubStandIn>>;
let out: string;

beforeEach(async () => {
  hub = await startHubStandIn({ folder: TEST_MODEL_DIR, repo: REPO, token: TOKEN });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-pull-'));
});
afterEach(async () => {
  await hub.close();
  fs.rmSync(out, { recursive: true, force: true });
});

function pull(env: Record<string, string | undefined> = { HF_ENDPOINT: hub.url, HF_TOKEN: TOKEN }) {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HF_TOKEN: undefined,
    HUGGING_FACE_HUB_TOKEN: undefined,
    ...env,
  };
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'model:pull', '--', '--repo', REPO, '--dtype', 'fp32', '--out', out],
      { env: childEnv },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** Requests for a file's bytes (the resolve URL and the CDN it redirects to), not the one-byte size probes. */
const downloads = (file: string) =>
  hub.requests.filter(
    (r) =>
      (r.url === `/${REPO}/resolve/main/${file}` || r.url === `/cdn/${encodeURIComponent(file)}`) &&
      r.range !== 'bytes=0-0',
  );

function sameAsServed(file: string): boolean {
  return fs.readFileSync(path.join(out, file)).equals(fs.readFileSync(path.join(TEST_MODEL_DIR, file)));
}

describe('model:pull through a hub stand-in', () => {
  test('pulls every model file from HF_ENDPOINT with HF_TOKEN, byte-identical and verified', async () => {
    const result = await pull();
    expect(result.output).toContain('files verified');
    expect(result.code).toBe(0);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', MODEL_FILE])
      expect(sameAsServed(file), file).toBe(true);
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(hub.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(fs.readdirSync(path.join(out, 'onnx'))).toEqual(['model.onnx']);
  });

  test('without HF_TOKEN a gated repo fails with a message asking for one', async () => {
    const result = await pull({ HF_ENDPOINT: hub.url });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/401.*set HF_TOKEN/);
    expect(fs.existsSync(path.join(out, 'config.json'))).toBe(false);
  });

  test('a download cut half-way fails naming the file, keeps only a .part, and the next run resumes it with a Range request', async () => {
    hub.faults.cutOnce.add(MODEL_FILE);
    const first = await pull();
    expect(first.code).toBe(1);
    expect(first.output).toMatch(/onnx\/model\.onnx: the download stopped at \d+ of \d+ bytes/);
    expect(first.output).toContain('run the pull again to resume');
    expect(fs.existsSync(path.join(out, MODEL_FILE))).toBe(false);
    const partSize = fs.statSync(path.join(out, `${MODEL_FILE}.part`)).size;
    expect(partSize).toBeGreaterThan(0);

    const configDownloads = downloads('config.json').length;
    const second = await pull();
    expect(second.output).toContain(`resumed at byte ${partSize}`);
    expect(second.code).toBe(0);
    expect(downloads(MODEL_FILE).at(-1)?.range).toBe(`bytes=${partSize}-`);
    expect(sameAsServed(MODEL_FILE)).toBe(true);
    expect(fs.existsSync(path.join(out, `${MODEL_FILE}.part`))).toBe(false);
    // Files already verified in the first run are not fetched again.
    expect(downloads('config.json').length).toBe(configDownloads);
  });

  test('a file whose SHA-256 differs from the listing fails, and neither it nor its part is left', async () => {
    hub.faults.wrongSha256.add(MODEL_FILE);
    const result = await pull();
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /onnx\/model\.onnx: SHA-256 mismatch: .* lists f{64}, the download has [0-9a-f]{64}/,
    );
    expect(fs.existsSync(path.join(out, MODEL_FILE))).toBe(false);
    expect(fs.existsSync(path.join(out, `${MODEL_FILE}.part`))).toBe(false);

    hub.faults.wrongSha256.delete(MODEL_FILE);
    expect((await pull()).code).toBe(0);
    expect(sameAsServed(MODEL_FILE)).toBe(true);
  });
});
