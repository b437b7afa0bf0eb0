import pg from 'pg';

export interface WaitShare {
  /** `Lock/transactionid`, `Client/ClientRead`, `CPU` (running, no wait)… */
  wait: string;
  /** Backend state: `active`, or `idle in transaction` (a transaction open while the app works). */
  state: string;
  /** The statement, shortened. */
  query: string;
  /** Share of all samples of busy backends. */
  share: number;
  /** Backends in this state, on average over the samples. */
  average: number;
}

const SAMPLE = `
  select coalesce(wait_event_type || '/' || wait_event, 'CPU') as wait, state,
         left(query, 600) as query, count(*)::int as n
    from pg_stat_activity
   where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')
   group by 1, 2, 3`;

/**
 * Samples what the platform's database connections are doing (pg_stat_activity) every `everyMs`
 * until stopped: which statements wait, on what, and how many transactions sit open meanwhile. A
 * queue of backends on `Lock/transactionid` behind one statement names the row everyone updates.
 */
export class PgWaitSampler {
  private readonly counts = new Map<string, { wait: string; state: string; query: string; n: number }>();
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  private readonly client: pg.Client;

  constructor(databaseUrl: string) {
    this.client = new pg.Client({ connectionString: databaseUrl });
  }

  async start(everyMs = 100): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  /** Stops sampling (again: nothing happens); the statements that kept backends busy, most samples first. */
  async stop(top = 6): Promise<WaitShare[]> {
    clearInterval(this.timer);
    if (!this.stopped) {
      this.stopped = true;
      await this.client.end().catch(() => undefined);
    }
    const total = [...this.counts.values()].reduce((sum, c) => sum + c.n, 0);
    return [...this.counts.values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, top)
      .map((c) => ({
        wait: c.wait,
        state: c.state,
        query: c.query,
        share: c.n / Math.max(1, total),
        average: c.n / Math.max(1, this.samples),
      }));
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ wait: string; state: string; query: string; n: number }>(SAMPLE);
      this.samples++;
      for (const row of rows) {
        const query = normalize(row.query);
        const key = `${row.wait}|${row.state}|${query}`;
        const entry = this.counts.get(key) ?? { ...row, query, n: 0 };
        entry.n += row.n;
        this.counts.set(key, entry);
      }
    } catch {
      // A sample lost while the database is busy changes nothing.
    } finally {
      this.busy = false;
    }
  }
}

/** Literals folded, so the same statement with other values counts once. */
function normalize(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 110);
}
