import { otherMethods, withJsonErrors } from '@/server/http';
import { getEmbedder } from '@/server/instance';

export const dynamic = 'force-dynamic';

/** 200 once the model is warm; 503 (status "loading" or "error", with a message) before that. */
export const GET = withJsonErrors(async () => {
  const health = getEmbedder().health();
  return Response.json(health, {
    status: health.status === 'ready' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/api/health');
