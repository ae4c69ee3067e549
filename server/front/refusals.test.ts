import { describe, expect, test } from 'vitest';
import { metrics } from '../metrics';
import { createRefusals, type RefusalLine, RefusalLog, refusalCounts } from './refusals';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RefusalLog', () => {
  test('a flood of one reason writes its first refusal, then one line per interval with how many more came', () => {
    const lines: RefusalLine[] = [];
    const time = clock();
    const log = new RefusalLog((line) => lines.push(line), 10_000, time.now);
    for (let i = 0; i < 10_000; i++) {
      log.note('client_rate', `10.0.0.${i % 200}`);
      time.advance(1);
    }
    // 10,000 refusals over 10 s: the first, then the 9,999 others summed into the line that opens the next interval.
    log.note('client_rate', '10.0.0.1');
    expect(lines).toEqual([
      { refusal: 'client_rate', client: '10.0.0.0' },
      { refusal: 'client_rate', client: '10.0.0.1', suppressed: 9_999 },
    ]);
  });

  test('each reason has its own allowance', () => {
    const lines: RefusalLine[] = [];
    const log = new RefusalLog((line) => lines.push(line), 10_000, clock().now);
    log.note('host_not_allowed', 'a');
    log.note('send_timeout', 'b');
    log.note('host_not_allowed', 'c');
    expect(lines.map((l) => l.refusal)).toEqual(['host_not_allowed', 'send_timeout']);
  });

  test('when the flood stops, what was held back is written once the interval ends', async () => {
    const lines: RefusalLine[] = [];
    const log = new RefusalLog((line) => lines.push(line), 20);
    for (let i = 0; i < 5; i++) log.note('body_idle_timeout', 'x');
    expect(lines).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toEqual([
      { refusal: 'body_idle_timeout', client: 'x' },
      { refusal: 'body_idle_timeout', suppressed: 4 },
    ]);
  });
});

describe('refusal counts', () => {
  test('every refusal is counted by reason in /metrics, also those the log held back', async () => {
    const series = async () => {
      const scraped = await metrics().registry.getSingleMetricAsString('semantic_radar_refusals_total');
      return Number(/reason="connections_per_client"} (\d+)/.exec(scraped)?.[1]);
    };
    const before = await series();
    const refused = createRefusals(() => {});
    for (let i = 0; i < 25; i++) refused('connections_per_client', '10.0.0.9');
    expect(await series()).toBe(before + 25);
    expect(refusalCounts().get('connections_per_client')).toBe(before + 25);
  });
});
