import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * A Georgian mobile number in any common form (599123456, 0599 12 34 56, +995 599…, 00995…) normalised to
 * E.164. Mobile only: SMS to Georgian landlines is not delivered.
 */
export const GeorgianMobile = z.string().transform((raw, ctx) => {
  const cleaned = raw.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, 'GE');
  if (!parsed?.isValid() || parsed.country !== 'GE') {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid Georgian phone number` });
    return z.NEVER;
  }
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a Georgian mobile number` });
    return z.NEVER;
  }
  return parsed.number;
});

/** Any valid Georgian number (mobile or landline), E.164: contact phones, not SMS destinations. */
export const GeorgianPhone = z.string().transform((raw, ctx) => {
  const parsed = parsePhoneNumberFromString(raw.trim().replace(/^00/, '+'), 'GE');
  if (!parsed?.isValid() || parsed.country !== 'GE') {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid Georgian phone number` });
    return z.NEVER;
  }
  return parsed.number;
});
