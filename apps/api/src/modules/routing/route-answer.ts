import type { RouteAnswer, RouteRefusal } from '@mtredi/api-contract';
import type { TextEncoding } from '@mtredi/channel-sdk';
import type { OperatorCode } from '@mtredi/sender-auth';
import { describeRefusal, type Refusal, type RouteCandidate, type RoutePlan } from './route-planner.js';

/** A channel below this many characters is a limit worth telling the customer (the direct channels carry 1000). */
const UNLIMITED = 1000;

export interface AnalyzedText {
  encoding: TextEncoding;
  characters: number;
}

/**
 * What the composer is told about the route of one message: codes with their parameters for programs, the
 * same as English sentences for people. Built field by field: a customer sees channel names (staff labels)
 * and what the channels impose, never their ids, drivers or settings.
 */
export function routeAnswer(
  operator: OperatorCode,
  plan: RoutePlan,
  /** The first channel of the operator's route as staff ordered it (ChannelCatalog.firstOf). */
  directChannelId: string | null,
  text: AnalyzedText,
): RouteAnswer {
  const refusals = (plan.kind === 'route' ? plan.skipped : plan.refusals).map((r) => routeRefusal(r, text));
  if (plan.kind !== 'route') {
    return {
      operator,
      plan: plan.kind,
      channel: null,
      role: null,
      refusals,
      warnings: refusals.map((r) => r.message),
    };
  }
  const channel = plan.channel;
  const c = channel.capabilities;
  const senderMayBeReplaced = c.senderPolicy === 'may_override' && channel.allowProviderSender;
  return {
    operator,
    plan: 'route',
    channel: channel.name,
    role: channel.channelId === directChannelId ? 'direct' : 'reserve',
    constraints: {
      maxChars: c.maxChars,
      duplicateWindowSeconds: c.duplicateWindowSeconds,
      senderMayBeReplaced,
      receiptMode: c.receiptMode,
    },
    refusals,
    warnings: conditions(channel, text, senderMayBeReplaced),
  };
}

export function routeRefusal(refusal: Refusal, text: AnalyzedText): RouteRefusal {
  const r = refusal.reason;
  const base = { code: r.code, channel: refusal.name, message: describeRefusal(refusal) };
  switch (r.code) {
    case 'routing/too_long':
      return { ...base, limit: r.limit, characters: text.characters, encoding: text.encoding };
    case 'routing/duplicate_window':
      return { ...base, windowSeconds: r.windowSeconds };
    default:
      return base;
  }
}

/** What the chosen channel imposes, as sentences. */
function conditions(channel: RouteCandidate, text: AnalyzedText, senderMayBeReplaced: boolean): string[] {
  const c = channel.capabilities;
  const warnings: string[] = [];
  if (c.maxChars[text.encoding] < UNLIMITED)
    warnings.push(`${channel.name} carries at most ${c.maxChars.ucs2} Georgian / ${c.maxChars.gsm7} Latin characters`);
  if (c.duplicateWindowSeconds > 0)
    warnings.push(
      `${channel.name} drops the same text to the same number within ${Math.round(c.duplicateWindowSeconds / 3600)} h`,
    );
  if (senderMayBeReplaced) warnings.push(`${channel.name} may deliver under the provider's name`);
  if (c.receiptMode !== 'realtime')
    warnings.push(
      c.receiptMode === 'none'
        ? `${channel.name} reports no delivery: statuses stay "in transit"`
        : `${channel.name} reports deliveries about once a minute`,
    );
  return warnings;
}
