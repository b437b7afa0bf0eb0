import { PassThrough, type Readable } from 'node:stream';
import type { LedgerEntry, LedgerQuery } from '@mtredi/api-contract';
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { LedgerPosting } from './ledger-posting.entity.js';

const EXPORT_BATCH = 1000;

/** The customer's view of its ledger: every posting, what it did to the available balance, filters, export. */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);

  constructor(private readonly tenancy: Tenancy) {}

  async page(auth: AuthContext, query: LedgerQuery): Promise<{ items: LedgerEntry[]; nextBefore: number | null }> {
    const rows = await this.tenancy.of(auth).find(LedgerPosting, where(query), {
      orderBy: { id: 'desc' },
      limit: query.limit,
    });
    const items = rows.map(toEntry);
    return { items, nextBefore: rows.length === query.limit ? (rows.at(-1)?.id ?? null) : null };
  }

  /** Streams the workbook as it is written, batch by batch, so a long history never sits in memory whole. */
  exportXlsx(auth: AuthContext, query: LedgerQuery): Readable {
    const stream = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('Ledger');
    sheet.columns = [
      { header: 'Date', key: 'createdAt', width: 22, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
      { header: 'Kind', key: 'kind', width: 10 },
      { header: 'Parts', key: 'amount', width: 8 },
      { header: 'Available change', key: 'availableChange', width: 16 },
      { header: 'From', key: 'debit', width: 12 },
      { header: 'To', key: 'credit', width: 12 },
      { header: 'Description', key: 'memo', width: 60 },
    ];
    const em = this.tenancy.of(auth);
    const write = async () => {
      let before = query.before;
      for (;;) {
        const rows = await em.find(LedgerPosting, where({ ...query, before }), {
          orderBy: { id: 'desc' },
          limit: EXPORT_BATCH,
        });
        for (const row of rows) sheet.addRow({ ...toEntry(row), createdAt: row.createdAt }).commit();
        if (rows.length < EXPORT_BATCH) break;
        before = rows.at(-1)?.id;
        em.clear();
      }
      sheet.commit();
      await workbook.commit();
    };
    write().catch((error: Error) => {
      this.logger.error(`Ledger export failed: ${error.message}`);
      stream.destroy(error);
    });
    return stream;
  }
}

function where(query: Pick<LedgerQuery, 'from' | 'to' | 'kind' | 'before'>) {
  const createdAt: Record<string, Date> = {};
  if (query.from) createdAt.$gte = new Date(`${query.from}T00:00:00Z`);
  if (query.to) createdAt.$lt = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000);
  return {
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.before ? { id: { $lt: query.before } } : {}),
  };
}

function toEntry(p: LedgerPosting): LedgerEntry {
  const availableChange = (p.credit === 'available' ? p.amount : 0) - (p.debit === 'available' ? p.amount : 0);
  return {
    id: p.id,
    kind: p.kind,
    amount: p.amount,
    debit: p.debit,
    credit: p.credit,
    availableChange,
    memo: p.memo,
    createdAt: p.createdAt.toISOString(),
  };
}
