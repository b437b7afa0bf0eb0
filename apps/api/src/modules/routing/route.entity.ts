import { defineEntity, p } from '@mikro-orm/core';
import { OPERATORS } from '@mtredi/sender-auth';

/** One operator's channels in the order routing tries them (direct first, reserve next). Staff edit it. */
export const RouteSchema = defineEntity({
  name: 'Route',
  tableName: 'routes',
  properties: {
    operator: p.enum(OPERATORS).primary(),
    channelId: p.uuid().primary(),
    /** Lower is tried first. */
    priority: p.integer(),
  },
});
export class Route extends RouteSchema.class {}
RouteSchema.setClass(Route);
