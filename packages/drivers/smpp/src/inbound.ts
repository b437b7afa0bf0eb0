import type { ChannelContext, Receipt } from '@mtredi/channel-sdk';
import {
  type DeliverSmPdu,
  decodeShortMessage,
  isReceipt,
  type MessageIdMatching,
  normalizeReceiptId,
  parseReceipt,
  platformAddress,
  Reassembler,
} from '@mtredi/smpp';

export interface InboundOptions {
  messageIdMatching: MessageIdMatching;
  packedGsm: boolean;
  reassemblyMs: number;
  now?: () => Date;
}

/**
 * Turns deliver_sm into platform events: receipts (esm_class receipt bits, tested as masks) go to
 * `onReceipt` with the id normalised like the submit ids; everything else is an inbound message,
 * reassembled when concatenated, for `onInbound`. Nothing is dropped: a receipt without a usable id is
 * still reported (empty id) so the core keeps it with the unmatched ones.
 */
export class InboundHandler {
  private readonly reassembler: Reassembler;
  private context: ChannelContext | undefined;
  private readonly aliases = new Map<string, string>();
  readonly counters = { receipts: 0, receiptsWithoutId: 0, inbound: 0, inboundIncomplete: 0 };

  constructor(private readonly options: InboundOptions) {
    this.reassembler = new Reassembler({
      timeoutMs: options.reassemblyMs,
      onIncomplete: (source, text) => {
        this.counters.inboundIncomplete++;
        const [from, to] = source.split('|') as [string, string];
        this.emitInbound(from, to, text);
      },
    });
  }

  /** Receipts for `realId` are reported under `reportedId` (a submit whose response came late). */
  alias(realId: string, reportedId: string): void {
    this.aliases.set(realId, reportedId);
    if (this.aliases.size > 10_000) this.aliases.delete(this.aliases.keys().next().value as string);
  }

  /** Starts (a context) or stops (undefined) reporting. */
  attach(context: ChannelContext | undefined): void {
    this.context = context;
    if (!context) this.reassembler.clear();
  }

  handle(pdu: DeliverSmPdu): void {
    if (!this.context) return;
    let text = '';
    let concat: ReturnType<typeof decodeShortMessage>['concat'];
    try {
      ({ text, concat } = decodeShortMessage(pdu, { packedGsm: this.options.packedGsm }));
    } catch {
      text = '';
    }
    if (isReceipt(pdu.esmClass)) {
      this.receipt(pdu, text);
      return;
    }
    const from = platformAddress(pdu.sourceAddrTon, pdu.sourceAddr);
    const to = platformAddress(pdu.destAddrTon, pdu.destinationAddr);
    const whole = concat ? this.reassembler.push(`${from}|${to}`, concat, text) : text;
    if (whole !== undefined) this.emitInbound(from, to, whole);
  }

  private receipt(pdu: DeliverSmPdu, text: string): void {
    const parsed = parseReceipt(pdu, text);
    const real =
      parsed.messageId === undefined ? '' : normalizeReceiptId(parsed.messageId, this.options.messageIdMatching);
    if (real === '') this.counters.receiptsWithoutId++;
    const id = this.aliases.get(real) ?? real;
    if (id !== real && parsed.state !== 'enroute' && parsed.state !== 'unknown') this.aliases.delete(real);
    this.counters.receipts++;
    const receipt: Receipt = {
      channelMessageId: id,
      state: parsed.state,
      at: this.options.now?.() ?? new Date(),
    };
    if (parsed.errorCode !== undefined) receipt.errorCode = parsed.errorCode;
    // A receipt's source is the handset the message went to; with the text excerpt it lets the core
    // match receipts of submits whose answer never came (their id was never learned).
    if (pdu.sourceAddr) receipt.handset = platformAddress(pdu.sourceAddrTon, pdu.sourceAddr);
    const excerpt = parsed.fields.text?.trimEnd();
    if (excerpt) receipt.textExcerpt = excerpt;
    this.context?.onReceipt(receipt);
  }

  private emitInbound(from: string, to: string, text: string): void {
    this.counters.inbound++;
    this.context?.onInbound({ from, to, text, receivedAt: this.options.now?.() ?? new Date() });
  }
}
