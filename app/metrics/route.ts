import { otherMethods, withJsonErrors } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { scrape } from '@/server/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text format; open like /api/health (no API key), for scrapers. */
export const GET = withJsonErrors(async () => {
  const { body, contentType } = await scrape(getEmbedder());
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/metrics');
