import type { INestApplicationContext } from '@nestjs/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundSql, readDate } from '../src/db/bound-sql.js';
import { Tenancy } from '../src/db/tenancy.js';
import { appendHistory } from '../src/modules/messaging/message-history.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

/** The hand-written hot statements bind the same way on SQLite and PostgreSQL (whichever this run uses). */
describe('BoundSql: lists as one parameter, bulk inserts, timestamps', () => {
  let platform: TestPlatform;
  let app: INestApplicationContext;
  const db = () => new BoundSql(app.get(Tenancy).system());
  const ids = Array.from({ length: 3000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const at = new Date('2026-12-06T08:00:00.123Z');

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startWorker();
  });
  afterAll(() => platform?.destroy());

  it('inserts thousands of rows in one statement and reads them back by a list of any length', async () => {
    const entries = ids.map((messageId, i) => ({
      messageId,
      status: 'rejected' as const,
      errorCode: i % 2 ? 'უარყოფილია' : null, // Georgian text survives the array / JSON parameter
      at: new Date(at.getTime() + i),
    }));
    await appendHistory(app.get(Tenancy).system(), entries);

    const b = db();
    const rows = await b.rows<{ message_id: string; error_code: string | null; at: unknown }>(sql`
      select message_id, error_code, at from message_events where message_id ${b.in(ids)} order by message_id`);
    expect(rows).toHaveLength(3000);
    expect(rows[1]).toMatchObject({ message_id: ids[1], error_code: 'უარყოფილია' });
    expect(rows[2]?.error_code).toBeNull();
    expect(readDate(rows[2]?.at).toISOString()).toBe(new Date(at.getTime() + 2).toISOString());

    const picked = await b.rows<{ message_id: string }>(sql`
      select message_id from message_events where message_id ${b.in([ids[9] as string, ids[7] as string])}`);
    expect(picked.map((r) => r.message_id).sort()).toEqual([ids[7], ids[9]]);
    expect(await b.rows(sql`select 1 from message_events where message_id ${b.in([])}`)).toEqual([]);
  });

  it('runs statements together, and a failing one takes the others with it', async () => {
    const b = db();
    const event = (id: string, code: string) =>
      sql`insert into message_events (message_id, status, error_code, at) values (${id}, 'rejected', ${code}, ${b.date(at)})`;
    const [first, second] = [ids[0] as string, ids[1] as string];
    await b.runTogether([event(first, 'together-1'), event(second, 'together-2')]);
    const count = async (code: string) =>
      Number(
        (
          await b.rows<{ n: number | string }>(sql`select count(*) as n from message_events where error_code = ${code}`)
        )[0]?.n,
      );
    expect([await count('together-1'), await count('together-2')]).toEqual([1, 1]);

    const tenancy = app.get(Tenancy).system();
    await expect(
      tenancy.transactional(async (tx) => {
        const t = new BoundSql(tx);
        await t.runTogether([event(first, 'together-3'), sql`insert into no_such_table values (1)`]);
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await count('together-3')).toBe(0);
  });

  it('compares timestamps as stored', async () => {
    const b = db();
    const later = await b.rows<{ n: number | string }>(sql`
      select count(*) as n from message_events where at >= ${b.date(new Date(at.getTime() + 2990))}`);
    expect(Number(later[0]?.n)).toBe(10);
  });
});
