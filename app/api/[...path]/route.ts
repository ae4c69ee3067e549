import { AppError } from '@/lib/errors';
import { errorResponse } from '@/server/http';

/** Unknown API paths answer in the JSON error shape, not with the HTML 404 page. */
function notFound(request: Request) {
  return errorResponse(new AppError('not_found', `No API route at ${new URL(request.url).pathname}`));
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as HEAD,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
