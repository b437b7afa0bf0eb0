import { Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/** The parts of libphonenumber's numbering plan that its own type check reads (getNumberType.js). */
interface PlanTypes {
  nationalNumberPattern(): string;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/**
 * Whether a 9-digit national number is one libphonenumber's `getType()` calls MOBILE (or FIXED_LINE_OR_MOBILE),
 * with Georgia's general and mobile patterns compiled once: its own check compiles every pattern anew for every
 * number, several kilobytes of garbage each, and a campaign or an import checks a hundred thousand numbers. A
 * number these patterns accept is one `getType()` calls mobile: it first needs the general pattern, and MOBILE is
 * the first type it tries after FIXED_LINE, whose match still yields FIXED_LINE_OR_MOBILE when the mobile pattern
 * matches too. False means "ask `getType()`", which also names the reason. Null if the metadata changed shape.
 */
export const isGeorgianMobileNsn = ((): ((nsn: string) => boolean) | null => {
  try {
    const georgia = new Metadata();
    georgia.selectNumberingPlan('GE');
    const plan = georgia.numberingPlan as unknown as PlanTypes | undefined;
    const mobile = plan?.type('MOBILE');
    const general = plan?.nationalNumberPattern();
    const pattern = mobile?.pattern();
    if (!general || !pattern) return null;
    const generalRe = new RegExp(`^(?:${general})$`);
    const mobileRe = new RegExp(`^(?:${pattern})$`);
    const lengths = mobile?.possibleLengths();
    return (nsn) => (!lengths || lengths.includes(nsn.length)) && generalRe.test(nsn) && mobileRe.test(nsn);
  } catch {
    return null;
  }
})();

// The plain forms: 599123456, 0599123456, 995599123456, +995599123456, 00995599123456 (spaces taken out).
const PLAIN = /^(?:\+995|00995|995|0)?(\d{9})$/;

/** The E.164 form of a plain-form Georgian mobile number without parsing it as free text; null otherwise. */
function plainGeorgianMobile(raw: string): string | null {
  const nsn = PLAIN.exec(raw.replace(/ /g, ''))?.[1];
  return nsn && isGeorgianMobileNsn?.(nsn) ? `+995${nsn}` : null;
}

/**
 * A Georgian mobile number in any common form (599123456, 0599 12 34 56, +995 599…, 00995…) normalised to
 * E.164. Mobile only: SMS to Georgian landlines is not delivered. The plain forms are checked against the
 * compiled patterns; anything else (and every refusal) goes through libphonenumber's parser, which is ten
 * times slower and runs for every recipient of a campaign otherwise.
 */
export const GeorgianMobile = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  const plain = plainGeorgianMobile(text);
  if (plain) return plain;
  const parsed = parsePhoneNumberFromString(text.replace(/^00/, '+'), 'GE');
  // With the full metadata a number is valid exactly when it has a type.
  const type = parsed?.country === 'GE' ? parsed.getType() : undefined;
  if (!parsed || type === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid Georgian phone number` });
    return z.NEVER;
  }
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
