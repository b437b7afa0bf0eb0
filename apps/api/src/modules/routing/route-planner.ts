import type { ChannelCapabilities, ChannelHealth, TextEncoding } from '@mtredi/channel-sdk';

/** A channel routing may consider for one operator, in the operator's route order. */
export interface RouteCandidate {
  channelId: string;
  name: string;
  capabilities: ChannelCapabilities;
  /** Staff allowed this channel to deliver under the provider's own name. */
  allowProviderSender: boolean;
  health: ChannelHealth;
  /** The circuit breaker refuses traffic while open. */
  circuitOpen: boolean;
}

export interface MessageFacts {
  encoding: TextEncoding;
  /** Characters as the channel limits count them (code points). */
  characters: number;
  /** Channels on which the same text went to the same number inside that channel's duplicate window. */
  duplicateOn: ReadonlySet<string>;
}

export type IneligibleReason =
  | { code: 'routing/too_long'; limit: number; permanent: true }
  | { code: 'routing/duplicate_window'; windowSeconds: number; permanent: true }
  | { code: 'routing/sender_override_not_allowed'; permanent: true }
  | { code: 'routing/channel_down'; permanent: false }
  | { code: 'routing/circuit_open'; permanent: false };

export interface Refusal {
  channelId: string;
  name: string;
  reason: IneligibleReason;
}

export type RoutePlan =
  | { kind: 'route'; channel: RouteCandidate; skipped: Refusal[] }
  /** Every channel is refused for a lasting reason: refuse the message (before charging, at accept). */
  | { kind: 'impossible'; refusals: Refusal[] }
  /** Some channel could take it once it recovers: keep the message and try again later. */
  | { kind: 'wait'; refusals: Refusal[] };

/** Why a channel cannot carry this message; null when it can. Lasting reasons come first. */
export function ineligibility(channel: RouteCandidate, message: MessageFacts): IneligibleReason | null {
  const limit = channel.capabilities.maxChars[message.encoding];
  if (message.characters > limit) return { code: 'routing/too_long', limit, permanent: true };
  if (channel.capabilities.duplicateWindowSeconds > 0 && message.duplicateOn.has(channel.channelId)) {
    return {
      code: 'routing/duplicate_window',
      windowSeconds: channel.capabilities.duplicateWindowSeconds,
      permanent: true,
    };
  }
  if (channel.capabilities.senderPolicy === 'may_override' && !channel.allowProviderSender) {
    return { code: 'routing/sender_override_not_allowed', permanent: true };
  }
  if (channel.health === 'down') return { code: 'routing/channel_down', permanent: false };
  if (channel.circuitOpen) return { code: 'routing/circuit_open', permanent: false };
  return null;
}

/**
 * The first channel, in route order, that meets the message's constraints and is up. A channel that would
 * drop or cut the message is never chosen; if none can ever take it, the plan says so, so the platform
 * refuses it before charging instead of losing it silently.
 */
export function planRoute(candidates: readonly RouteCandidate[], message: MessageFacts): RoutePlan {
  const refusals: Refusal[] = [];
  for (const channel of candidates) {
    const reason = ineligibility(channel, message);
    if (!reason) return { kind: 'route', channel, skipped: refusals };
    refusals.push({ channelId: channel.channelId, name: channel.name, reason });
  }
  return refusals.some((r) => !r.reason.permanent) ? { kind: 'wait', refusals } : { kind: 'impossible', refusals };
}

/** A sentence per refusal, for the customer and the logs. */
export function describeRefusal(refusal: Refusal): string {
  const r = refusal.reason;
  switch (r.code) {
    case 'routing/too_long':
      return `${refusal.name} carries at most ${r.limit} characters in this encoding`;
    case 'routing/duplicate_window':
      return `${refusal.name} drops the same text to the same number within ${Math.round(r.windowSeconds / 3600)} h`;
    case 'routing/sender_override_not_allowed':
      return `${refusal.name} may replace the sender name and is not allowed to`;
    case 'routing/channel_down':
      return `${refusal.name} is down`;
    case 'routing/circuit_open':
      return `${refusal.name} is failing and paused`;
  }
}
