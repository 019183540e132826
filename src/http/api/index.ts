import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.ts';

export function createApi(_deps: HttpDeps) {
  return {
    async register(_app: FastifyInstance) {},
  };
}
