import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { ApiKeysService } from '../accounts/api-keys.service.js';
import { OrganizationService } from '../accounts/organization.service.js';
import { BillingService } from '../billing/billing.service.js';
import { BatchSendService } from '../messaging/batch-send.service.js';
import { Message, type MessageStatusValue } from '../messaging/message.entity.js';
import { analyzeText } from '../messaging/text-analysis.js';
import { SmsofficeCode, smsofficeCodeOf } from './smsoffice-codes.js';
import { SMSOFFICE_STATUS, smsofficeNumber } from './smsoffice-format.js';
import { type ParsedNumber, parseDestination, parseDestinations } from './smsoffice-numbers.js';

/** smsoffice.ge's answer to every call (georgia.md §1.3). */
export interface Envelope {
  Success: boolean;
  Message: string;
  Output: unknown;
  ErrorCode: number;
}

/** Query and form parameters as received; a repeated parameter arrives as a list. */
export type Params = Record<string, unknown>;

/** The most the batch path takes at once. */
const BATCH_SIZE = 10_000;
/** smsoffice's `scheduledAt` is not supported; a time this close to now is taken as "now". */
const SCHEDULE_TOLERANCE_S = 60;

class Refusal extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const fail = (errorCode: number, message: string): Envelope => ({
  Success: false,
  Message: message,
  Output: null,
  ErrorCode: errorCode,
});

/**
 * smsoffice.ge's HTTP API on our pipeline, so its integrations switch by changing the host: the same
 * parameters, the `{Success, Message, Output, ErrorCode}` envelope and its error codes. `key` is one of
 * our API keys; every send goes through the same MessagesService as the JSON API.
 */
@Injectable()
export class CompatService {
  private readonly logger = new Logger(CompatService.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly apiKeys: ApiKeysService,
    private readonly organizations: OrganizationService,
    private readonly batches: BatchSendService,
    private readonly billing: BillingService,
  ) {}

  async send(params: Params, caller?: AuthContext): Promise<Envelope> {
    try {
      const auth = await this.authenticate(params, caller);
      const destination = required(
        params,
        'destination',
        SmsofficeCode.destinationMissing,
        SmsofficeCode.destinationEmpty,
      );
      const sender = required(params, 'sender', SmsofficeCode.senderMissing, SmsofficeCode.senderMissing);
      const content = required(params, 'content', SmsofficeCode.contentMissing, SmsofficeCode.contentEmpty);
      if (!/^[\p{L}\p{N} .&'_-]{1,11}$/u.test(sender) && !/^\+?\d{1,16}$/.test(sender)) {
        throw new Refusal(SmsofficeCode.badSender, 'sender must be up to 11 letters and digits, or up to 16 digits');
      }
      const reference = text(params, 'reference')?.trim() || undefined;
      if (reference && reference.length > 100) {
        throw new Refusal(SmsofficeCode.unsupported, 'reference is longer than 100 characters');
      }
      assertNotScheduled(params);
      await this.assertCanSend(auth);
      const numbers = parseDestinations(destination);
      const valid = numbers.filter((n): n is Extract<ParsedNumber, { kind: 'georgian' }> => n.kind === 'georgian');
      const refused = numbers.filter((n) => n.kind !== 'georgian').map(numberRefusal);
      if (valid.length === 0) return summarize([], refused);
      await this.assertEnoughCredit(auth, content, valid.length);
      const urgent = ['true', '1', 'yes'].includes((text(params, 'urgent') ?? '').toLowerCase());
      const accepted = await this.sendAll(auth, valid, { sender, content, reference, urgent }, refused);
      return summarize(accepted, refused);
    } catch (error) {
      return this.failure(error);
    }
  }

  /** Credits left, as the bare integer smsoffice answers; refusals come as the JSON envelope. */
  async balance(params: Params, caller?: AuthContext): Promise<number | Envelope> {
    try {
      const auth = await this.authenticate(params, caller);
      return (await this.billing.balance(auth)).available;
    } catch (error) {
      return this.failure(error);
    }
  }

  /** The newest message to `destination` with `reference` (any reference when it is left out). */
  async status(params: Params, caller?: AuthContext): Promise<Envelope> {
    try {
      const auth = await this.authenticate(params, caller);
      const destination = required(
        params,
        'destination',
        SmsofficeCode.destinationMissing,
        SmsofficeCode.destinationEmpty,
      );
      const number = parseDestination(destination);
      if (number.kind !== 'georgian')
        throw new Refusal(SmsofficeCode.allInvalid, `${destination} is not a Georgian mobile number`);
      const reference = text(params, 'reference')?.trim() || undefined;
      const message = await this.tenancy
        .of(auth)
        .findOne(
          Message,
          { to: number.e164, ...(reference ? { reference } : {}) },
          { orderBy: { createdAt: 'desc', id: 'desc' } },
        );
      if (!message) {
        throw new Refusal(
          SmsofficeCode.notFound,
          `No message to ${destination}${reference ? ` with reference ${reference}` : ''}`,
        );
      }
      return {
        Success: true,
        Message: 'OK',
        Output: {
          Status: SMSOFFICE_STATUS[message.status as MessageStatusValue],
          State: message.status,
          Reason: message.errorCode ?? null,
          Destination: smsofficeNumber(message.to),
          Reference: message.reference ?? null,
          MessageId: message.id,
          UpdatedAt: message.updatedAt.toISOString(),
        },
        ErrorCode: SmsofficeCode.accepted,
      };
    } catch (error) {
      return this.failure(error);
    }
  }

  /** `caller`: the key already authenticated by CompatKeyGuard; otherwise the key is checked here. */
  private async authenticate(params: Params, caller: AuthContext | undefined): Promise<AuthContext> {
    if (caller) return caller;
    const key = text(params, 'key')?.trim();
    if (!key) throw new Refusal(SmsofficeCode.keyMissing, 'key is missing');
    return this.apiKeys.authenticate(key);
  }

  private async assertCanSend(auth: AuthContext): Promise<void> {
    await this.organizations.assertCanSend(auth);
  }

  /** Refuses up front a send the credit cannot cover, instead of sending to the first numbers only. */
  private async assertEnoughCredit(auth: AuthContext, content: string, count: number): Promise<void> {
    const needed = analyzeText(content).parts * count;
    const { available } = await this.billing.balance(auth);
    if (available < needed) {
      throw new Refusal(
        SmsofficeCode.insufficientBalance,
        `Balance is insufficient: this needs ${needed} SMS, ${available} left`,
      );
    }
  }

  /** Through the batch path: one transaction and one queue call per 10,000 numbers, each answered on its own. */
  private async sendAll(
    auth: AuthContext,
    numbers: { e164: string; raw: string }[],
    message: { sender: string; content: string; reference: string | undefined; urgent: boolean },
    refused: NumberRefusal[],
  ): Promise<AcceptedMessage[]> {
    const accepted: AcceptedMessage[] = [];
    for (let i = 0; i < numbers.length; i += BATCH_SIZE) {
      const chunk = numbers.slice(i, i + BATCH_SIZE);
      const items = chunk.map((n) => ({
        to: n.e164,
        sender: message.sender,
        text: message.content,
        ...(message.reference ? { reference: message.reference } : {}),
      }));
      const { results } = await this.batches.send(auth, { messages: items }, message.urgent);
      for (const result of results) {
        const number = chunk[result.index];
        if (!number) continue;
        if (result.ok && result.id) {
          accepted.push({ Destination: smsofficeNumber(number.e164), MessageId: result.id, Parts: result.parts ?? 1 });
        } else {
          const code = result.code ?? 'internal/error';
          refused.push({ Destination: number.raw, ErrorCode: smsofficeCodeOf(code), Message: result.message ?? code });
        }
      }
    }
    return accepted;
  }

  private failure(error: unknown): Envelope {
    if (error instanceof Refusal) return fail(error.errorCode, error.message);
    const { code, text: reason } = describe(error, this.logger);
    return fail(smsofficeCodeOf(code), reason);
  }
}

interface AcceptedMessage {
  Destination: string;
  MessageId: string;
  Parts: number;
}

interface NumberRefusal {
  Destination: string;
  ErrorCode: number;
  Message: string;
}

function numberRefusal(n: ParsedNumber): NumberRefusal {
  return n.kind === 'foreign'
    ? { Destination: n.raw, ErrorCode: SmsofficeCode.foreignNumber, Message: 'not a Georgian number' }
    : { Destination: n.raw, ErrorCode: SmsofficeCode.allInvalid, Message: 'not a valid mobile number (995XXXXXXXXX)' };
}

/** The answer for a send: success when at least one number was accepted, with the refused ones listed. */
function summarize(accepted: AcceptedMessage[], refused: NumberRefusal[]): Envelope {
  const output = { Messages: accepted, Refused: refused };
  if (accepted.length > 0) {
    const note = refused.length > 0 ? `; ${refused.length} number(s) refused` : '';
    return { Success: true, Message: `Accepted ${accepted.length} message(s)${note}`, Output: output, ErrorCode: 0 };
  }
  return { Success: false, Message: failureMessage(refused), Output: output, ErrorCode: aggregateCode(refused) };
}

/** smsoffice's codes for "no number left": all stop-listed (75), all invalid (76), a mix of both (77). */
function aggregateCode(refused: NumberRefusal[]): number {
  const codes = new Set(refused.map((r) => r.ErrorCode));
  const invalid = [SmsofficeCode.allInvalid, SmsofficeCode.foreignNumber] as number[];
  if (codes.size === 0) return SmsofficeCode.destinationEmpty;
  if ([...codes].every((c) => c === SmsofficeCode.allStopped)) return SmsofficeCode.allStopped;
  if ([...codes].every((c) => invalid.includes(c))) {
    return codes.has(SmsofficeCode.foreignNumber) ? SmsofficeCode.foreignNumber : SmsofficeCode.allInvalid;
  }
  if ([...codes].every((c) => c === SmsofficeCode.allStopped || invalid.includes(c))) {
    return SmsofficeCode.allStoppedOrInvalid;
  }
  return refused[0]?.ErrorCode ?? SmsofficeCode.temporary;
}

function failureMessage(refused: NumberRefusal[]): string {
  if (refused.length === 0) return 'destination holds no number';
  const first = refused[0];
  return refused.length === 1 || refused.every((r) => r.Message === first?.Message)
    ? (first?.Message ?? 'refused')
    : `No number was accepted; first refusal: ${first?.Message}`;
}

function describe(error: unknown, logger: Logger): { code: string; text: string } {
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && typeof code === 'string' && /^[a-z_]+\/[a-z_]+$/.test(code)) {
    return { code, text: error.message };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: 'internal/error', text: 'Temporary failure; try again' };
}

/** A parameter's text: the first value when it is repeated, except `destination`, whose values are joined. */
function text(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return name === 'destination' ? value.map(String).join(',') : String(value[0] ?? '');
  return String(value);
}

/** smsoffice tells a missing parameter (500…800) from an empty one (60, 70). */
function required(params: Params, name: string, missing: number, empty: number): string {
  const value = text(params, name);
  if (value === undefined) throw new Refusal(missing, `${name} is missing`);
  if (!value.trim()) throw new Refusal(empty, `${name} is empty`);
  return name === 'content' ? value : value.trim();
}

function assertNotScheduled(params: Params): void {
  const at = text(params, 'scheduledAt')?.trim();
  if (!at) return;
  const seconds = Number(at);
  if (!Number.isFinite(seconds)) throw new Refusal(SmsofficeCode.unsupported, 'scheduledAt must be unix seconds');
  if (seconds > Date.now() / 1000 + SCHEDULE_TOLERANCE_S) {
    throw new Refusal(SmsofficeCode.unsupported, 'scheduledAt is not supported here: send when the message is due');
  }
}
