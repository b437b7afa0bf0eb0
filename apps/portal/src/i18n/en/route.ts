import type { routeKa } from '../ka/route.js';

/** English for the composer's route conditions; typed against the Georgian keys. */
export const routeEn: typeof routeKa = {
  route: {
    label: 'Route',
    summary: '{operator} · {carrier}',
    carrier: {
      direct: 'direct connection to the operator',
      reserve: 'reserve route',
      none: 'no channel available',
    },
    blocked: {
      refused:
        'No channel can deliver this message to this number: sending it will be refused. Change the text as explained below.',
      waits:
        'No channel can take this message right now: if you send it, it waits in the queue until a channel recovers.',
    },
    note: {
      lengthLimit: {
        ucs2: 'Via the reserve route Georgian texts are limited to {limit} characters; this text has {n}.',
        gsm7: 'Via the reserve route Latin texts are limited to {limit} characters; this text has {n}.',
      },
      tooLong: {
        ucs2: 'Via the route available now Georgian texts are limited to {limit} characters; this text has {n}.',
        gsm7: 'Via the route available now Latin texts are limited to {limit} characters; this text has {n}.',
      },
      duplicateHours:
        'The same text to the same number within {n} hour is not sent again. | The same text to the same number within {n} hours is not sent again.',
      duplicateMinutes:
        'The same text to the same number within {n} minute is not sent again. | The same text to the same number within {n} minutes is not sent again.',
      senderReplaced: "Messages may arrive under the provider's name.",
      receiptsPolling: 'Delivery reports may be delayed: this route reports them about once a minute.',
      receiptsNone: 'This route sends no delivery reports: the status stays “in transit”.',
      receiptsOther: 'Delivery reports may be delayed or missing.',
      repeatHours:
        'This text already went to this number within the last {n} hour; the route available now would not deliver it again. | This text already went to this number within the last {n} hours; the route available now would not deliver it again.',
      repeatMinutes:
        'This text already went to this number within the last {n} minute; the route available now would not deliver it again. | This text already went to this number within the last {n} minutes; the route available now would not deliver it again.',
      senderNotAllowed:
        "The route available now may replace your sender name with the provider's, which is not enabled for your messages.",
      channelDown: "A channel of this operator's route is down right now.",
      circuitOpen: "A channel of this operator's route is failing and paused for now.",
      unknown: '{message}',
    },
  },
};
