import {
  ChannelList,
  type CreateChannelRequest,
  DriverList,
  type OperatorCode,
  RouteList,
  type UpdateChannelRequest,
} from '@mtredi/api-contract';
import { z } from 'zod';
import type { Transport } from './transport.js';

const Created = z.object({ id: z.string() });
const id = (value: string): string => encodeURIComponent(value);

/** Staff: channels with live health, the loaded drivers with their settings schema, routes per operator. */
export function channelEndpoints(t: Transport) {
  return {
    listChannels: () => t.get(ChannelList, '/v1/admin/channels'),
    listDrivers: () => t.get(DriverList, '/v1/admin/drivers'),
    /** 400 `channels/invalid_config` names each bad setting as `config.<path>`; 409 `channels/duplicate_name`. */
    createChannel: (request: z.input<typeof CreateChannelRequest>) =>
      t.send(Created, 'POST', '/v1/admin/channels', request),
    /** Secret settings sent back masked (`********`) or empty keep their stored value. */
    updateChannel: (channelId: string, changes: z.input<typeof UpdateChannelRequest>) =>
      t.send(Created, 'PATCH', `/v1/admin/channels/${id(channelId)}`, changes),
    listRoutes: () => t.get(RouteList, '/v1/admin/routes'),
    /** The order is the routing order: the first channel is tried first, the next on failover. */
    setRoute: (operator: OperatorCode, channelIds: string[]) =>
      t.send(RouteList, 'PUT', `/v1/admin/routes/${id(operator)}`, { channelIds }),
  };
}
