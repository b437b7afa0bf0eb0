import {
  AdminSenderList,
  type AuthorizationState,
  DecisionResults,
  type DemandReauthorizationRequest,
  Notice,
  NoticeList,
  type OperatorCode,
  type OperatorDecision,
  type PublishNoticeRequest,
  SenderHistory,
  SenderList,
  SenderName,
} from '@mtredi/api-contract';
import { z } from 'zod';
import type { Transport } from './transport.js';

const id = (value: string): string => encodeURIComponent(value);
const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A batch of names exported for one operator: the workbook and how many names it holds. */
export interface SenderBatch {
  blob: Blob;
  count: number;
  filename: string;
}

const ReauthorizationResult = z.object({ authorizations: z.number(), notice: Notice });

/** `filename="x.xlsx"` from a Content-Disposition header, or the fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename="?([^";]+)"?/i.exec(header) : null;
  return match?.[1] ?? fallback;
}

/** Sender names and their per-operator authorization, service notices, and the staff queue. */
export function senderEndpoints(t: Transport) {
  return {
    listSenders: () => t.get(SenderList, '/v1/senders'),
    /** 422 `senders/invalid_name` or `senders/generic_name` with a detail per broken rule; 409 `senders/duplicate`. */
    requestSender: (name: string) => t.send(SenderName, 'POST', '/v1/senders', { name }),
    async deleteSender(senderId: string): Promise<void> {
      await t.call('DELETE', `/v1/senders/${id(senderId)}`);
    },
    senderHistory: (senderId: string) => t.get(SenderHistory, `/v1/senders/${id(senderId)}/history`),

    listNotices: () => t.get(NoticeList, '/v1/notices'),
    publishNotice: (request: z.input<typeof PublishNoticeRequest>) =>
      t.send(Notice, 'POST', '/v1/admin/notices', request),
    async withdrawNotice(noticeId: string): Promise<void> {
      await t.call('DELETE', `/v1/admin/notices/${id(noticeId)}`);
    },

    listSenderQueue: (filter: { state?: AuthorizationState; operator?: OperatorCode | undefined }) =>
      t.get(AdminSenderList, `/v1/admin/senders${query({ state: filter.state, operator: filter.operator })}`),
    async overrideSenderMatch(senderId: string, reason: string): Promise<void> {
      await t.call('POST', `/v1/admin/senders/${id(senderId)}/override`, { reason });
    },
    /** The names waiting for the operator become `submitted`; the workbook is what staff send it. */
    async exportSenderBatch(operator: OperatorCode): Promise<SenderBatch> {
      const { blob, headers } = await t.file('POST', '/v1/admin/senders/batches', { operator });
      return {
        blob,
        count: Number(headers.get('x-batch-count') ?? 0),
        filename: attachmentName(headers.get('content-disposition'), `sender-names-${operator}.xlsx`),
      };
    },
    recordSenderDecisions: (operator: OperatorCode, decisions: z.input<typeof OperatorDecision>[]) =>
      t.send(DecisionResults, 'POST', '/v1/admin/senders/decisions', { operator, decisions }),
    /** The operator's answer: the exported workbook with the Decision column filled in. */
    importSenderDecisions: (operator: OperatorCode, workbook: Blob) =>
      t.send(DecisionResults, 'POST', `/v1/admin/senders/decisions/import${query({ operator })}`, {
        raw: workbook,
        contentType: XLSX_TYPE,
      }),
    async revokeSender(senderId: string, operator: OperatorCode, reason: string): Promise<void> {
      await t.call('POST', `/v1/admin/senders/${id(senderId)}/revoke`, { operator, reason });
    },
    demandReauthorization: (request: z.input<typeof DemandReauthorizationRequest>) =>
      t.send(ReauthorizationResult, 'POST', '/v1/admin/senders/reauthorization', request),
  };
}
