import { AnalyzeRequest, AnalyzeRouteAnswer } from '@mtredi/api-contract';
import type { z } from 'zod';
import type { Transport } from './transport.js';

export type { RouteAnswer, RouteConstraints, RouteRefusal } from '@mtredi/api-contract';

export function analyzeEndpoints(t: Transport) {
  return {
    /**
     * The route a message to `to` would take now (only the route is read: the composer analyses the text
     * itself, with the same engine); null when the number belongs to no known operator.
     */
    analyzeRoute: async (request: z.input<typeof AnalyzeRequest> & { to: string }) =>
      (await t.send(AnalyzeRouteAnswer, 'POST', '/v1/messages/analyze', request)).route ?? null,
  };
}
