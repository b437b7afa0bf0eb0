import { PassThrough, type Readable } from 'node:stream';
import type { ListMessagesQuery } from '@mtredi/api-contract';
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { MessagesService } from './messages.service.js';

const PAGE = 200;
const MAX_ROWS = 1_000_000;

/** A message search as an .xlsx, written as it is read, page by page (Georgian text kept as is). */
@Injectable()
export class MessageExportService {
  private readonly logger = new Logger(MessageExportService.name);

  constructor(private readonly messages: MessagesService) {}

  export(auth: AuthContext, query: Omit<ListMessagesQuery, 'limit' | 'before'>): Readable {
    const stream = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('Messages');
    sheet.columns = [
      { header: 'Created', key: 'createdAt', width: 22, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
      { header: 'To', key: 'to', width: 16 },
      { header: 'Sender', key: 'sender', width: 12 },
      { header: 'Text', key: 'text', width: 60 },
      { header: 'Parts', key: 'parts', width: 6 },
      { header: 'Encoding', key: 'encoding', width: 9 },
      { header: 'Status', key: 'status', width: 12 },
      { header: 'Reference', key: 'reference', width: 20 },
      { header: 'Updated', key: 'updatedAt', width: 22, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    ];
    const write = async () => {
      let before: string | undefined;
      for (let rows = 0; rows < MAX_ROWS; ) {
        const page = await this.messages.list(auth, { ...query, limit: PAGE, ...(before ? { before } : {}) });
        for (const m of page.items) {
          sheet.addRow({ ...m, createdAt: new Date(m.createdAt), updatedAt: new Date(m.updatedAt) }).commit();
        }
        rows += page.items.length;
        if (page.items.length < PAGE) break;
        before = page.items.at(-1)?.id;
      }
      sheet.commit();
      await workbook.commit();
    };
    write().catch((error: Error) => {
      this.logger.error(`Message export failed: ${error.message}`);
      stream.destroy(error);
    });
    return stream;
  }
}
