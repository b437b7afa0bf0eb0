import type { ChannelCapabilities } from '@mtredi/channel-sdk';
import { describe, expect, it } from 'vitest';
import { describeRefusal, type MessageFacts, planRoute, type RouteCandidate } from './route-planner.js';

const DIRECT: ChannelCapabilities = {
  maxChars: { gsm7: 1000, ucs2: 1000 },
  duplicateWindowSeconds: 0,
  senderPolicy: 'exact',
  receiptMode: 'realtime',
  maxMessagesPerSecond: 1000,
};
/** The April 2020 reserve channel: Georgian 320, Latin 480, repeats within 3 h dropped, may use its own name. */
const RESERVE: ChannelCapabilities = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 3 * 3600,
  senderPolicy: 'may_override',
  receiptMode: 'polling',
  maxMessagesPerSecond: 100,
};

const channel = (
  id: string,
  capabilities: ChannelCapabilities,
  over: Partial<RouteCandidate> = {},
): RouteCandidate => ({
  channelId: id,
  name: id,
  capabilities,
  allowProviderSender: true,
  health: 'up',
  circuitOpen: false,
  ...over,
});
const georgian = (characters: number, duplicateOn: string[] = []): MessageFacts => ({
  encoding: 'ucs2',
  characters,
  duplicateOn: new Set(duplicateOn),
});

describe('planRoute', () => {
  const cases: { name: string; candidates: RouteCandidate[]; message: MessageFacts; expected: string }[] = [
    {
      name: 'direct up → direct',
      candidates: [channel('direct', DIRECT), channel('reserve', RESERVE)],
      message: georgian(100),
      expected: 'route:direct',
    },
    {
      name: 'direct down → reserve',
      candidates: [channel('direct', DIRECT, { health: 'down' }), channel('reserve', RESERVE)],
      message: georgian(100),
      expected: 'route:reserve',
    },
    {
      name: 'direct circuit open → reserve',
      candidates: [channel('direct', DIRECT, { circuitOpen: true }), channel('reserve', RESERVE)],
      message: georgian(100),
      expected: 'route:reserve',
    },
    {
      name: 'degraded still carries traffic',
      candidates: [channel('direct', DIRECT, { health: 'degraded' }), channel('reserve', RESERVE)],
      message: georgian(100),
      expected: 'route:direct',
    },
    {
      name: '400 Georgian characters never go to the 320-limit reserve: wait for direct',
      candidates: [channel('direct', DIRECT, { health: 'down' }), channel('reserve', RESERVE)],
      message: georgian(400),
      expected: 'wait',
    },
    {
      name: '400 Georgian characters with only the reserve → impossible',
      candidates: [channel('reserve', RESERVE)],
      message: georgian(400),
      expected: 'impossible:routing/too_long',
    },
    {
      name: '480 Latin characters fit the reserve, 481 do not',
      candidates: [channel('reserve', RESERVE)],
      message: { encoding: 'gsm7', characters: 481, duplicateOn: new Set() },
      expected: 'impossible:routing/too_long',
    },
    {
      name: 'a repeat inside the reserve window is never handed to the reserve',
      candidates: [channel('direct', DIRECT, { health: 'down' }), channel('reserve', RESERVE)],
      message: georgian(50, ['reserve']),
      expected: 'wait',
    },
    {
      name: 'a repeat on a channel without a window is fine',
      candidates: [channel('direct', DIRECT)],
      message: georgian(50, ['direct']),
      expected: 'route:direct',
    },
    {
      name: 'provider-name override not enabled by staff → skipped',
      candidates: [channel('reserve', RESERVE, { allowProviderSender: false }), channel('direct', DIRECT)],
      message: georgian(50),
      expected: 'route:direct',
    },
    {
      name: 'no channels at all → impossible',
      candidates: [],
      message: georgian(50),
      expected: 'impossible:',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const plan = planRoute(c.candidates, c.message);
      const summary =
        plan.kind === 'route'
          ? `route:${plan.channel.channelId}`
          : plan.kind === 'wait'
            ? 'wait'
            : `impossible:${plan.refusals[0]?.reason.code ?? ''}`;
      expect(summary).toBe(c.expected);
    });
  }

  it('explains each refusal in a sentence', () => {
    const plan = planRoute([channel('reserve', RESERVE, { allowProviderSender: false })], georgian(400));
    expect(plan.kind).toBe('impossible');
    if (plan.kind !== 'impossible') return;
    expect(describeRefusal(plan.refusals[0] as never)).toBe('reserve carries at most 320 characters in this encoding');
  });
});
