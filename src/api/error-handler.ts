import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Client errors keep their message (validation says what was wrong); server errors are logged
 * in full and answered without detail, so nothing internal leaks into a response.
 */
export async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  if (statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(statusCode).send({
      statusCode,
      error: 'Internal Server Error',
      message: 'The request failed; the operator log has the details.',
    });
  }
  return reply.code(statusCode).send({
    statusCode,
    ...(error.code === undefined ? {} : { code: error.code }),
    error: statusCode === 404 ? 'Not Found' : 'Bad Request',
    message: withUnknownNames(error),
  });
}

/** Ajv's "must NOT have additional properties" does not say which: the names are added (never values). */
function withUnknownNames(error: FastifyError): string {
  const unknown = (error.validation ?? []).flatMap((failure) => {
    const name = failure.params.additionalProperty;
    return failure.keyword === 'additionalProperties' && typeof name === 'string' ? [name] : [];
  });
  return unknown.length === 0 ? error.message : `${error.message}: ${unknown.join(', ')}`;
}
