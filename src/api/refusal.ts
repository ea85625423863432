import type { FastifyReply } from 'fastify';

const REASONS = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' } as const;

/** An action the API refuses, answered with the error body every route uses. */
export function refuse(reply: FastifyReply, status: keyof typeof REASONS, message: string): FastifyReply {
  return reply.code(status).send({ statusCode: status, error: REASONS[status], message });
}

/** Why a follower refuses an action only the leader can take. */
export function notLeading(doWhat: string): string {
  return `This replica does not lead; ${doWhat} through the leader's API (GET /status names it).`;
}
