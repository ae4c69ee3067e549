import { AppError } from '@/lib/errors';
import { errorResponse, withJsonErrors } from '@/server/http';

/** Unknown API paths answer in the JSON error shape, not with the HTML 404 page. */
const notFound = withJsonErrors(
  async (request) =>
    errorResponse(new AppError('not_found', `No API route at ${new URL(request.url).pathname}`)),
  'unmatched',
);

export {
  notFound as DELETE,
  notFound as GET,
  notFound as HEAD,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
