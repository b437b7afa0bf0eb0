import type { FinalState } from '@mtredi/operator-sim';

/** A message's state as the aggregator API reports it. */
export type ApiStatus = 'pending' | FinalState;

/** One accepted message, as the aggregator keeps it for status look-ups and receipts. */
export interface MessageRecord {
  id: string;
  /** The bearer token that sent it: each token is one account with its own messages and receipt feed. */
  account: string;
  reference?: string;
  from: string;
  /** The sender the operator was given, when the aggregator replaced the requested one. */
  deliveredAs?: string;
  to: string;
  text: string;
  callbackUrl?: string;
  status: ApiStatus;
  errorCode?: string;
  submittedAt: Date;
  updatedAt: Date;
}

/** One entry of an account's receipt feed; `seq` orders the feed and is the polling cursor. */
export interface FeedItem {
  seq: number;
  id: string;
  status: FinalState;
  errorCode?: string;
  at: Date;
  reference?: string;
}

/**
 * Messages, client references and per-account receipt feeds, in memory and bounded: the oldest
 * message (and the oldest receipt of a feed) is forgotten once `retention` is exceeded.
 */
export class MessageStore {
  private readonly messages = new Map<string, MessageRecord>();
  private readonly references = new Map<string, string>();
  private readonly feeds = new Map<string, FeedItem[]>();
  private seq = 0;

  constructor(private readonly retention: number) {}

  add(record: MessageRecord): void {
    this.messages.set(record.id, record);
    if (record.reference !== undefined) this.references.set(refKey(record.account, record.reference), record.id);
    for (const [id, old] of this.messages) {
      if (this.messages.size <= this.retention) break;
      this.messages.delete(id);
      if (old.reference !== undefined) this.references.delete(refKey(old.account, old.reference));
    }
  }

  /** The message if `account` sent it; another account's ids are as unknown as made-up ones. */
  get(account: string, id: string): MessageRecord | undefined {
    const record = this.messages.get(id);
    return record?.account === account ? record : undefined;
  }

  byReference(account: string, reference: string): MessageRecord | undefined {
    const id = this.references.get(refKey(account, reference));
    return id === undefined ? undefined : this.messages.get(id);
  }

  /** Records a final state once and appends it to the sender's feed; later receipts for the id are ignored. */
  settle(id: string, status: FinalState, errorCode: string | undefined, at: Date): MessageRecord | undefined {
    const record = this.messages.get(id);
    if (record?.status !== 'pending') return undefined;
    record.status = status;
    record.updatedAt = at;
    if (errorCode !== undefined) record.errorCode = errorCode;
    let feed = this.feeds.get(record.account);
    if (!feed) {
      feed = [];
      this.feeds.set(record.account, feed);
    }
    const item: FeedItem = { seq: ++this.seq, id, status, at };
    if (errorCode !== undefined) item.errorCode = errorCode;
    if (record.reference !== undefined) item.reference = record.reference;
    feed.push(item);
    if (feed.length > this.retention) feed.splice(0, feed.length - this.retention);
    return record;
  }

  /** Receipts of `account` after the cursor `after` (exclusive), oldest first, at most `limit`. */
  receipts(account: string, after: number, limit: number): FeedItem[] {
    const feed = this.feeds.get(account) ?? [];
    let lo = 0;
    let hi = feed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((feed[mid] as FeedItem).seq <= after) lo = mid + 1;
      else hi = mid;
    }
    return feed.slice(lo, lo + limit);
  }
}

const refKey = (account: string, reference: string): string => `${account}\u0000${reference}`;
