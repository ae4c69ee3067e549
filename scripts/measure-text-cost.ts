/**
 * What one long text costs the inference worker: wall time and peak memory of embedding a single
 * text of N tokens (the basis of the CPU default for MAX_TOKENS). One N per process, so that the
 * peak RSS (VmHWM) belongs to that length alone.
 *
 *   npx tsx --conditions=react-server scripts/measure-text-cost.ts --tokens 2048 [--model-dir models/qwen3-embedding-test-0.6b]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Embedder } from '../server/embedder';
import { parseSettings } from '../server/settings-schema';

const { values: args } = parseArgs({
  options: {
    tokens: { type: 'string', default: '2048' },
    'model-dir': { type: 'string', default: 'models/qwen3-embedding-test-0.6b' },
  },
});

const peakRssMiB = () =>
  Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

const tokens = Number(args.tokens);
const settings = { ...parseSettings(), MAX_TOKENS: tokens, CACHE_MAX_BYTES: 0, maxBatchTokens: tokens };
const embedder = new Embedder(settings, args['model-dir'], () => {});
await embedder.start();
await embedder.embed(['warm up'], { kind: 'document', field: 'texts' });
const before = peakRssMiB();
// Far more words than tokens: the tokenizer truncates to exactly MAX_TOKENS.
const text = Array.from({ length: tokens * 2 }, (_, i) => `word${i % 997}`).join(' ');
const started = performance.now();
const out = await embedder.embed([text], { kind: 'document', field: 'texts' });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    tokens: out.tokens[0],
    seconds: Math.round(seconds * 100) / 100,
    peakRssGrowthMiB: Math.round(peakRssMiB() - before),
    loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  }),
);
await embedder.close();
