import { RouteAnswer } from '@mtredi/api-contract';
import type { ChannelCapabilities } from '@mtredi/channel-sdk';
import { describe, expect, it } from 'vitest';
import { routeAnswer } from './route-answer.js';
import { planRoute, type RouteCandidate } from './route-planner.js';

const DIRECT: ChannelCapabilities = {
  maxChars: { gsm7: 1000, ucs2: 1000 },
  duplicateWindowSeconds: 0,
  senderPolicy: 'exact',
  receiptMode: 'realtime',
  maxMessagesPerSecond: 1000,
};
const RESERVE: ChannelCapabilities = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 3 * 3600,
  senderPolicy: 'may_override',
  receiptMode: 'polling',
  maxMessagesPerSecond: 100,
};
const channel = (id: string, capabilities: ChannelCapabilities, over: Partial<RouteCandidate> = {}) => ({
  channelId: id,
  name: `${id} name`,
  capabilities,
  allowProviderSender: true,
  health: 'up' as const,
  circuitOpen: false,
  ...over,
});
const georgian = (characters: number, duplicateOn: string[] = []) => ({
  encoding: 'ucs2' as const,
  characters,
  duplicateOn: new Set(duplicateOn),
});
const text = (characters: number) => ({ encoding: 'ucs2' as const, characters });

describe('routeAnswer', () => {
  it('the first channel of the route carries it: direct, nothing refused, nothing to warn about', () => {
    const plan = planRoute([channel('d', DIRECT), channel('r', RESERVE)], georgian(400));
    const answer = routeAnswer('magti', plan, 'd', text(400));
    expect(answer).toEqual({
      operator: 'magti',
      plan: 'route',
      channel: 'd name',
      role: 'direct',
      constraints: DIRECT_CONSTRAINTS,
      refusals: [],
      warnings: [],
    });
    expect(RouteAnswer.parse(answer)).toEqual(answer);
  });

  it('the direct is down: the reserve carries it, the skipped direct is a coded refusal', () => {
    const plan = planRoute([channel('d', DIRECT, { health: 'down' }), channel('r', RESERVE)], georgian(20));
    const answer = routeAnswer('magti', plan, 'd', text(20));
    expect(answer).toMatchObject({ plan: 'route', channel: 'r name', role: 'reserve' });
    expect(answer.refusals).toEqual([{ code: 'routing/channel_down', channel: 'd name', message: 'd name is down' }]);
    expect(answer.warnings).toHaveLength(4);
  });

  it('no channel ever could: impossible, each refusal with the parameters of its reason and no ids', () => {
    const plan = planRoute([channel('a', RESERVE), channel('b', RESERVE)], georgian(400, ['b']));
    const answer = routeAnswer('cellfie', plan, 'a', text(400));
    expect(answer).toEqual({
      operator: 'cellfie',
      plan: 'impossible',
      channel: null,
      role: null,
      refusals: [
        {
          code: 'routing/too_long',
          channel: 'a name',
          message: 'a name carries at most 320 characters in this encoding',
          limit: 320,
          characters: 400,
          encoding: 'ucs2',
        },
        {
          code: 'routing/too_long',
          channel: 'b name',
          message: 'b name carries at most 320 characters in this encoding',
          limit: 320,
          characters: 400,
          encoding: 'ucs2',
        },
      ],
      warnings: [
        'a name carries at most 320 characters in this encoding',
        'b name carries at most 320 characters in this encoding',
      ],
    });
    const repeat = routeAnswer('cellfie', planRoute([channel('b', RESERVE)], georgian(10, ['b'])), 'b', text(10));
    expect(repeat.refusals).toEqual([
      expect.objectContaining({ code: 'routing/duplicate_window', windowSeconds: 10_800 }),
    ]);
    expect(JSON.stringify([answer, repeat])).not.toMatch(/"channelId"|"permanent"/);
  });

  it('only a paused channel could: wait', () => {
    const plan = planRoute([channel('d', DIRECT, { circuitOpen: true })], georgian(10));
    expect(routeAnswer('silknet', plan, 'd', text(10))).toMatchObject({
      plan: 'wait',
      role: null,
      refusals: [{ code: 'routing/circuit_open', channel: 'd name' }],
    });
  });
});

const DIRECT_CONSTRAINTS = {
  maxChars: { gsm7: 1000, ucs2: 1000 },
  duplicateWindowSeconds: 0,
  senderMayBeReplaced: false,
  receiptMode: 'realtime',
};
