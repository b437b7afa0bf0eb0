import { FINAL_RECEIPT_STATES, type Receipt } from '@mtredi/channel-sdk';

/** Multi-part messages remembered at most; past it the oldest is forgotten (its part 1 still correlates). */
const MAX_REMEMBERED = 100_000;

/**
 * The aggregator gives one id per message and one receipt per message; the contract wants one channel
 * id per part. Part 1 is the aggregator's id itself, later parts `<id>#2`, `<id>#3`…; a receipt for
 * the message is reported for every part the driver remembers. After a restart only part 1's receipt
 * comes, which is enough: the core finalizes a message on the receipt of any of its parts.
 */
export class PartIds {
  private readonly parts = new Map<string, number>();

  ids(id: string, parts: number): string[] {
    if (parts <= 1) return [id];
    this.parts.set(id, parts);
    for (const key of this.parts.keys()) {
      if (this.parts.size <= MAX_REMEMBERED) break;
      this.parts.delete(key);
    }
    return Array.from({ length: parts }, (_, i) => (i === 0 ? id : `${id}#${i + 1}`));
  }

  expand(receipt: Receipt): Receipt[] {
    const id = receipt.channelMessageId;
    const n = this.parts.get(id) ?? 1;
    if (FINAL_RECEIPT_STATES.has(receipt.state)) this.parts.delete(id);
    return Array.from({ length: n }, (_, i) =>
      i === 0 ? receipt : { ...receipt, channelMessageId: `${id}#${i + 1}` },
    );
  }
}
