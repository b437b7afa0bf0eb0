import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { OperatorPrefix } from './operator-prefix.entity.js';
import { PortedNumber } from './ported-number.entity.js';

/** How long the tables are kept before they are read again; staff edits reach every instance within this time. */
const CACHE_MS = 30_000;

/**
 * Which operator serves a number: a ported-number override first, else the longest matching prefix of the
 * staff-maintained block table (prefixes only tell the original operator, hence the overrides).
 * Both tables are held in memory — every send asks, for numbers it has usually never seen — and refreshed
 * every 30 s: the prefix table whole, the ported numbers by what changed since the last read (staff only
 * add or move ported numbers; a few hundred thousand of them take tens of megabytes).
 */
@Injectable()
export class OperatorDirectory {
  private prefixes: { prefix: string; operator: OperatorCode }[] = [];
  private readonly ported = new Map<string, OperatorCode>();
  private portedSince: Date | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly tenancy: Tenancy) {}

  async operatorOf(e164: string): Promise<OperatorCode | null> {
    await this.refresh();
    return this.lookup(e164.replace(/^\+/, ''));
  }

  /** The operators of many numbers at once, keyed by the number in E.164 with its `+`. */
  async operatorsOf(numbers: string[]): Promise<Map<string, OperatorCode | null>> {
    await this.refresh();
    const result = new Map<string, OperatorCode | null>();
    for (const number of numbers) {
      const digits = number.replace(/^\+/, '');
      result.set(`+${digits}`, this.lookup(digits));
    }
    return result;
  }

  /** Read the tables again at the next question (after staff changed them in this process). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private lookup(digits: string): OperatorCode | null {
    return this.ported.get(digits) ?? this.prefixes.find((p) => digits.startsWith(p.prefix))?.operator ?? null;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.loadedAt < CACHE_MS) return;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const em = this.tenancy.system();
    const rows = await em.find(OperatorPrefix, {});
    // Longest first, so the most specific block wins (e.g. 995579 before 99557).
    this.prefixes = rows
      .map(({ prefix, operator }) => ({ prefix, operator }))
      .sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
    const changed = await em.find(PortedNumber, this.portedSince ? { updatedAt: { $gte: this.portedSince } } : {}, {
      fields: ['number', 'operator', 'updatedAt'],
    });
    for (const row of changed) {
      this.ported.set(row.number.replace(/^\+/, ''), row.operator);
      if (!this.portedSince || row.updatedAt > this.portedSince) this.portedSince = row.updatedAt;
    }
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
