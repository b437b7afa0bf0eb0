import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import { ReadCache } from '../../common/read-cache.js';
import { Tenancy } from '../../db/tenancy.js';
import { OperatorPrefix } from './operator-prefix.entity.js';
import { PortedNumber } from './ported-number.entity.js';

/** How long the prefix table is kept in memory; staff edits reach every instance within this time. */
const CACHE_MS = 30_000;
const NOT_PORTED = '-';

/**
 * Which operator serves a number: a ported-number override first, else the longest matching prefix of the
 * staff-maintained block table (prefixes only tell the original operator, hence the overrides).
 */
@Injectable()
export class OperatorDirectory {
  private prefixes: { prefix: string; operator: OperatorCode }[] = [];
  private loadedAt = 0;
  /** Ported-number look-ups of single sends, remembered like the prefix table. */
  private readonly ported = new ReadCache<OperatorCode | typeof NOT_PORTED>({ ttlMs: CACHE_MS, max: 100_000 });

  constructor(private readonly tenancy: Tenancy) {}

  async operatorOf(e164: string): Promise<OperatorCode | null> {
    const digits = e164.replace(/^\+/, '');
    const ported = await this.ported.get(digits, async () => {
      const row = await this.tenancy.system().findOne(PortedNumber, { number: `+${digits}` });
      return row?.operator ?? NOT_PORTED;
    });
    if (ported !== NOT_PORTED) return ported as OperatorCode;
    await this.refresh();
    return this.prefixes.find((p) => digits.startsWith(p.prefix))?.operator ?? null;
  }

  /** The operators of many numbers at once: one query for the ported ones, the cached table for the rest. */
  async operatorsOf(numbers: string[]): Promise<Map<string, OperatorCode | null>> {
    const e164 = [...new Set(numbers.map((n) => `+${n.replace(/^\+/, '')}`))];
    const ported = e164.length ? await this.tenancy.system().find(PortedNumber, { number: { $in: e164 } }) : [];
    const portedTo = new Map(ported.map((p) => [p.number, p.operator]));
    await this.refresh();
    const result = new Map<string, OperatorCode | null>();
    for (const number of e164) {
      const digits = number.slice(1);
      result.set(
        number,
        portedTo.get(number) ?? this.prefixes.find((p) => digits.startsWith(p.prefix))?.operator ?? null,
      );
    }
    return result;
  }

  /** Forget the cached table (after staff changed it in this process). */
  invalidate(): void {
    this.loadedAt = 0;
    this.ported.clear();
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.loadedAt < CACHE_MS) return;
    const rows = await this.tenancy.system().find(OperatorPrefix, {});
    // Longest first, so the most specific block wins (e.g. 995579 before 99557).
    this.prefixes = rows
      .map(({ prefix, operator }) => ({ prefix, operator }))
      .sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
    this.loadedAt = Date.now();
  }
}

/**
 * The blocks as allocated (libphonenumber's carrier data and the operators' current brands; see the
 * project's reference notes). Only the starting point of a new installation: staff own the table.
 */
export const DEFAULT_PREFIXES: Record<OperatorCode, string[]> = {
  magti: [
    '99552',
    '99553',
    '995505',
    '995511',
    '995550',
    '995551',
    '995585',
    '995591',
    '995595',
    '995596',
    '995598',
    '995599',
    '99579',
  ],
  silknet: ['995514', '995555', '995557', '995558', '995570', '995577', '995580', '995593'],
  cellfie: ['99556', '995571', '995574', '995579', '995592', '995597'],
};
