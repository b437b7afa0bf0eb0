import type { SqlEntityManager } from '@mikro-orm/sql';
import { DEFAULT_GENERIC_NAMES, OPERATORS } from '@mtredi/sender-auth';
import { Channel } from '../modules/channels/channel.entity.js';
import { DEFAULT_PREFIXES } from '../modules/operators/operator-directory.service.js';
import { OperatorPrefix } from '../modules/operators/operator-prefix.entity.js';
import { Route } from '../modules/routing/route.entity.js';
import { GenericSenderName } from '../modules/senders/generic-sender-name.entity.js';

/** Reference data a new installation starts from; tables staff already edited are left alone. */
export async function seedReferenceData(em: SqlEntityManager): Promise<void> {
  if ((await em.count(OperatorPrefix, {})) === 0) {
    for (const operator of OPERATORS) {
      for (const prefix of DEFAULT_PREFIXES[operator]) em.create(OperatorPrefix, { prefix, operator });
    }
  }
  if ((await em.count(GenericSenderName, {})) === 0) {
    for (const name of new Set(DEFAULT_GENERIC_NAMES)) em.create(GenericSenderName, { name });
  }
  if ((await em.count(Route, {})) === 0) {
    // Every channel serves every operator until staff set routes.
    const channels = await em.find(Channel, { enabled: true }, { orderBy: { priority: 'asc' } });
    for (const operator of OPERATORS) {
      channels.forEach((channel, priority) => {
        em.create(Route, { operator, channelId: channel.id, priority });
      });
    }
  }
  await em.flush();
}
