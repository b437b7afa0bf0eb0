import { Npi, Ton } from '../constants.js';

export interface SmppAddress {
  ton: number;
  npi: number;
  addr: string;
}

export interface AddressOptions {
  /** TON/NPI for short codes (all digits, at most `shortCodeMaxDigits`); operators differ. Default 3 / 0. */
  shortCodeTon?: number;
  shortCodeNpi?: number;
  /** Default 8. */
  shortCodeMaxDigits?: number;
}

/**
 * TON/NPI for an address (§5.2.5, §5.2.6; reference/smpp.md §2.6): international numbers TON 1 /
 * NPI 1 without the `+`; short codes by option (default TON 3 / NPI 0); anything with a letter is an
 * alphanumeric sender, TON 5 / NPI 0 (at most 11 characters).
 */
export function smppAddress(address: string, options: AddressOptions = {}): SmppAddress {
  const trimmed = address.trim();
  const digits = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
  if (/^\d+$/.test(digits)) {
    if (!trimmed.startsWith('+') && digits.length <= (options.shortCodeMaxDigits ?? 8)) {
      return {
        ton: options.shortCodeTon ?? Ton.NETWORK_SPECIFIC,
        npi: options.shortCodeNpi ?? Npi.UNKNOWN,
        addr: digits,
      };
    }
    return { ton: Ton.INTERNATIONAL, npi: Npi.ISDN, addr: digits };
  }
  return { ton: Ton.ALPHANUMERIC, npi: Npi.UNKNOWN, addr: trimmed };
}

/** An address as the platform writes it: E.164 with `+` for international numbers, as is otherwise. */
export function platformAddress(ton: number, addr: string): string {
  return ton === Ton.INTERNATIONAL && /^\d+$/.test(addr) ? `+${addr}` : addr;
}
