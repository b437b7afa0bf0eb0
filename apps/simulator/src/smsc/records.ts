/** What the SMSC keeps about an accepted submit until its final receipt is sent. */
export interface SubmitRecord {
  engineId: string;
  wire: number;
  systemId: string;
  /** The session that submitted it: receipts go back on it while it is bound. */
  sessionId: number;
  registeredDelivery: number;
  /** The original addresses; receipts swap them (source = the handset). */
  sourceTon: number;
  sourceNpi: number;
  source: string;
  destTon: number;
  destNpi: number;
  dest: string;
  text: string;
  submittedAt: Date;
  /** Set while a submit_sm_resp waits for its receipt (`beforeResponse`). */
  heldResponse?: () => void;
}

/** Accepted submits by engine id, oldest evicted first beyond `limit` (receipts that never come). */
export class SubmitRecords {
  private readonly byId = new Map<string, SubmitRecord>();

  constructor(private readonly limit = 200_000) {}

  add(record: SubmitRecord): void {
    this.byId.set(record.engineId, record);
    if (this.byId.size > this.limit) {
      const oldest = this.byId.keys().next().value as string;
      this.byId.delete(oldest);
    }
  }

  get(engineId: string): SubmitRecord | undefined {
    return this.byId.get(engineId);
  }

  delete(engineId: string): void {
    this.byId.delete(engineId);
  }

  get size(): number {
    return this.byId.size;
  }
}
