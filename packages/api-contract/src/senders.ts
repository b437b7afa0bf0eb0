import { z } from 'zod';

export const OperatorCode = z.enum(['magti', 'silknet', 'cellfie']);
export type OperatorCode = z.infer<typeof OperatorCode>;

export const AuthorizationState = z.enum(['requested', 'submitted', 'active', 'rejected', 'revoked']);
export type AuthorizationState = z.infer<typeof AuthorizationState>;

export const OverallSenderStatus = z.enum(['active', 'partly_active', 'pending', 'rejected', 'revoked']);

export const OperatorAuthorization = z.object({
  state: AuthorizationState,
  /** The operator's reason for a rejection, or staff's for a revocation. */
  reason: z.string().nullable(),
  updatedAt: z.string(),
});

export const SenderName = z.object({
  id: z.string(),
  name: z.string(),
  /** Summary over the operators: active (all), partly_active, pending, rejected, revoked. */
  status: OverallSenderStatus,
  operators: z.record(OperatorCode, OperatorAuthorization),
  matches: z.boolean(),
  matchExplanation: z.string(),
  overrideReason: z.string().nullable(),
  createdAt: z.string(),
});
export type SenderName = z.infer<typeof SenderName>;
export const SenderList = z.object({ items: z.array(SenderName) });

export const RequestSenderName = z.object({ name: z.string() });

export const SenderHistoryEntry = z.object({
  operator: OperatorCode,
  from: AuthorizationState,
  to: AuthorizationState,
  event: z.string(),
  reason: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  at: z.string(),
});
export const SenderHistory = z.object({ items: z.array(SenderHistoryEntry) });

/** Staff: a request in the queue, with whose it is. */
export const AdminSenderName = SenderName.extend({
  organization: z.object({ id: z.string(), name: z.string(), website: z.string().nullable() }),
});
export const AdminSenderList = z.object({ items: z.array(AdminSenderName) });

export const SenderQueueQuery = z.object({
  operator: OperatorCode.optional(),
  state: AuthorizationState.default('requested'),
});

export const OverrideMatchRequest = z.object({ reason: z.string().trim().min(5, 'give a reason').max(300) });

export const ExportBatchRequest = z.object({ operator: OperatorCode });

export const OperatorDecision = z.object({
  senderId: z.string().uuid(),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(300).optional(),
});
export const RecordDecisionsRequest = z.object({
  operator: OperatorCode,
  decisions: z.array(OperatorDecision).min(1).max(5000),
});
export const DecisionResults = z.object({
  items: z.array(
    z.object({
      senderId: z.string(),
      ok: z.boolean(),
      state: AuthorizationState.optional(),
      error: z.string().optional(),
    }),
  ),
});

export const RevokeRequest = z.object({ operator: OperatorCode, reason: z.string().trim().min(3).max(300) });

export const DemandReauthorizationRequest = z.object({
  reason: z.string().trim().min(5).max(300),
  noticeKa: z.string().trim().min(5).max(2000),
  noticeEn: z.string().trim().min(5).max(2000),
});

export const Notice = z.object({
  id: z.string(),
  kind: z.enum(['reauthorization', 'service']),
  textKa: z.string(),
  textEn: z.string(),
  publishedAt: z.string(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeList = z.object({ items: z.array(Notice) });
export const PublishNoticeRequest = z.object({
  kind: z.enum(['reauthorization', 'service']).default('service'),
  textKa: z.string().trim().min(5).max(2000),
  textEn: z.string().trim().min(5).max(2000),
});

export const OperatorPrefixes = z.object({
  items: z.array(z.object({ operator: OperatorCode, prefixes: z.array(z.string()) })),
});
const Prefix = z.string().regex(/^995\d{1,9}$/, 'a prefix is 995 followed by 1 to 9 digits');
export const ReplacePrefixesRequest = z.object({ prefixes: z.array(Prefix).min(1) });
export const PortedNumberList = z.object({
  items: z.array(z.object({ number: z.string(), operator: OperatorCode, updatedAt: z.string() })),
});
export const SetPortedNumbersRequest = z.object({
  items: z
    .array(z.object({ number: z.string(), operator: OperatorCode }))
    .min(1)
    .max(10_000),
});
export const GenericNameList = z.object({ items: z.array(z.string()) });
export const ReplaceGenericNamesRequest = z.object({ items: z.array(z.string().trim().min(1).max(40)) });
