import { z } from 'zod';

export const Balance = z.object({
  /** SMS parts that can be sent now. */
  available: z.number().int(),
  /** Parts held for accepted messages that no operator has accepted yet. */
  reserved: z.number().int(),
});
export type Balance = z.infer<typeof Balance>;

export const CreditPackage = z.object({
  id: z.string(),
  name: z.string(),
  parts: z.number().int(),
  priceTetri: z.number().int(),
  /** e.g. "45.00" */
  priceGel: z.string(),
  /** Price of one SMS part in tetri, to a hundredth (4.5 = 0.045 GEL). */
  pricePerPartTetri: z.number(),
});
export type CreditPackage = z.infer<typeof CreditPackage>;
export const PackageList = z.object({ items: z.array(CreditPackage) });

export const PackageInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1).max(60),
  parts: z.number().int().positive(),
  priceTetri: z.number().int().positive(),
});
/** Staff replace the whole table at once, so the "bigger is cheaper per SMS" rule is checked as a whole. */
export const ReplacePackagesRequest = z.object({ items: z.array(PackageInput).min(1) });

export const TopUpStatus = z.enum(['requested', 'confirmed', 'cancelled']);
export const TopUp = z.object({
  id: z.string(),
  reference: z.string(),
  packageName: z.string(),
  parts: z.number().int(),
  priceTetri: z.number().int(),
  priceGel: z.string(),
  status: TopUpStatus,
  requestedAt: z.string(),
  confirmedAt: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }),
});
export type TopUp = z.infer<typeof TopUp>;
export const TopUpList = z.object({ items: z.array(TopUp) });
export const RequestTopUp = z.object({ packageId: z.string().uuid('not a package id') });

export const PostingKind = z.enum(['trial', 'top_up', 'reserve', 'consume', 'release', 'refund']);
export const LedgerEntry = z.object({
  id: z.number().int(),
  kind: PostingKind,
  amount: z.number().int(),
  debit: z.string(),
  credit: z.string(),
  /** What this posting did to the available balance: +10 for a top-up, -1 for a reservation, 0 for consume. */
  availableChange: z.number().int(),
  memo: z.string(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export const LedgerPage = z.object({ items: z.array(LedgerEntry), nextBefore: z.number().int().nullable() });

export const LedgerQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  kind: PostingKind.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Cursor: entries with an id below this. */
  before: z.coerce.number().int().positive().optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;
