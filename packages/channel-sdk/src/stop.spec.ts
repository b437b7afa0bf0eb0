import { describe, expect, it } from 'vitest';
import { isStopRequest } from './stop.js';

describe('isStopRequest', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop! ',
    'STOP Mtredi',
    'stopall',
    'UNSUBSCRIBE',
    'opt out',
    'სტოპ',
    'ᲡᲢᲝᲞ',
    'სტოპი',
    'შეწყვიტე',
    'გაჩერება',
    'გამოწერის გაუქმება',
    'stopi',
  ])('recognises %j', (text) => expect(isStopRequest(text)).toBe(true));

  it.each(['', 'stop by our shop tomorrow', 'cancel order', 'no', 'არა', 'stopwatch', 'Please call me', 'the end'])(
    'does not take %j for an opt-out',
    (text) => expect(isStopRequest(text)).toBe(false),
  );
});
