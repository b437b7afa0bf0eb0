import {
  type ChannelContext,
  type ChannelHealth,
  FINAL_RECEIPT_STATES,
  type InboundMessage,
  type Receipt,
} from './contract.js';

export interface HealthReport {
  health: ChannelHealth;
  detail?: string;
  at: Date;
}

/**
 * A ChannelContext that keeps everything a driver reports, in order. For driver tests and the
 * conformance kit; the callbacks are bound, so a driver may hold them detached.
 */
export class RecordingContext implements ChannelContext {
  readonly receipts: Receipt[] = [];
  readonly inbound: InboundMessage[] = [];
  readonly health: HealthReport[] = [];

  constructor(readonly channelId = 'test-channel') {}

  readonly onReceipt = (receipt: Receipt): void => {
    this.receipts.push(receipt);
  };

  readonly onInbound = (message: InboundMessage): void => {
    this.inbound.push(message);
  };

  readonly onHealth = (health: ChannelHealth, detail?: string): void => {
    this.health.push(detail === undefined ? { health, at: new Date() } : { health, detail, at: new Date() });
  };

  /** The health reported last, if any. */
  get lastHealth(): ChannelHealth | undefined {
    return this.health.at(-1)?.health;
  }

  /** The first receipt in a final state for this channel id. */
  finalReceipt(channelMessageId: string): Receipt | undefined {
    return this.receipts.find((r) => r.channelMessageId === channelMessageId && FINAL_RECEIPT_STATES.has(r.state));
  }
}
