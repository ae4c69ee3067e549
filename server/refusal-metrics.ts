/**
 * `semantic_radar_refusals_total{reason}`: what the front server refused (server/front/refusals.ts
 * keeps the counts, since it runs outside Next's bundle and cannot import ./metrics); read when
 * /metrics is scraped. Every reason is exported from the start, at 0, so dashboards see each series.
 */
import { Counter, type Registry } from 'prom-client';
import { REFUSAL_REASONS, refusalCounts } from './front/refusals';

export function registerRefusalCounter(registry: Registry, prefix: string): void {
  new Counter({
    name: `${prefix}refusals_total`,
    help: 'Connections and requests the front server refused (timeouts, connection caps, host check, per-client limits, …), by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      const counts = refusalCounts();
      this.reset();
      for (const reason of REFUSAL_REASONS) this.inc({ reason }, counts.get(reason) ?? 0);
    },
  });
}
