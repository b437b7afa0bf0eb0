import type { OperatorCode } from '@mtredi/sender-auth';
import ExcelJS from 'exceljs';
import { DomainError } from '../../common/domain-error.js';

export interface BatchRow {
  senderId: string;
  name: string;
  organization: string;
  website: string;
}

const HEADERS = ['Request id', 'Sender name', 'Organization', 'Web site', 'Decision', 'Reason'];
/** What an operator (or staff) may write in the decision column. */
const APPROVE = new Set(['approve', 'approved', 'active', 'yes', 'ok', 'დიახ', 'დადასტურდა']);
const REJECT = new Set(['reject', 'rejected', 'no', 'არა', 'უარყოფილია']);

/** The batch of names staff send to one operator; the operator fills in Decision (and Reason). */
export async function writeBatchWorkbook(operator: OperatorCode, rows: BatchRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`Sender names ${operator}`);
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows) sheet.addRow([row.senderId, row.name, row.organization, row.website, '', '']);
  sheet.columns.forEach((column, i) => {
    column.width = [38, 14, 40, 24, 12, 40][i];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an operator's answer; rows it cannot understand are reported with their row number. */
export async function readDecisionWorkbook(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as never);
  } catch {
    throw new DomainError('senders/unreadable_workbook', 'The file is not an Excel workbook (.xlsx)', 400);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError('senders/unreadable_workbook', 'The workbook has no sheet', 400);
  const decisions: { senderId: string; decision: 'approve' | 'reject'; reason?: string }[] = [];
  const errors: { senderId: string | null; error: string }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const senderId = String(row.getCell(1).text ?? '').trim();
    const decision = String(row.getCell(5).text ?? '')
      .trim()
      .toLowerCase();
    const reason = String(row.getCell(6).text ?? '').trim();
    if (!senderId && !decision) return;
    if (!/^[0-9a-f-]{36}$/i.test(senderId)) {
      errors.push({ senderId: null, error: `row ${number}: column A is not a request id` });
    } else if (APPROVE.has(decision)) {
      decisions.push({ senderId, decision: 'approve' });
    } else if (REJECT.has(decision)) {
      decisions.push({ senderId, decision: 'reject', ...(reason ? { reason } : {}) });
    } else if (decision) {
      errors.push({ senderId, error: `row ${number}: decision "${decision}" is neither approve nor reject` });
    }
  });
  return { decisions, errors };
}
