import { AppError } from '@/lib/errors';
import { v1Route } from '@/server/openai-http';

/** Unknown /v1 paths answer in OpenAI's error shape (after the API key check), not with the HTML 404 page. */
const notFound = v1Route((request) => {
  throw new AppError('not_found', `No API route at ${new URL(request.url).pathname}`);
}, 'unmatched');

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
