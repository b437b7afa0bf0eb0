import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormOptions } from '../src/db/orm-config.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

/** An installation made by the first release keeps its data through every later migration. */
describe('migrations upgrade an existing installation', () => {
  let platform: TestPlatform;
  let orm: MikroORM;

  beforeAll(async () => {
    platform = await createTestPlatform({ schemaAt: 'Migration20261122051000_initial' });
    orm = await MikroORM.init({ ...ormOptions(platform.config), allowGlobalContext: true });
  });
  afterAll(async () => {
    await orm?.close(true);
    await platform?.destroy();
  });

  it('keeps sender names active for every operator, postings with their kind, routes for channels, and channel ids', async () => {
    const em = orm.em.fork() as SqlEntityManager;
    const org = '11111111-1111-4111-8111-111111111111';
    const now = platform.config.database.kind === 'sqlite' ? Date.now() : new Date();
    const run = (sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'run');
    await run('insert into organizations (id, name, status, created_at) values (?, ?, ?, ?)', [
      org,
      'Old Co',
      'active',
      now,
    ]);
    await run('insert into sender_names (id, organization_id, name, status, created_at) values (?, ?, ?, ?, ?)', [
      '22222222-2222-4222-8222-222222222222',
      org,
      'OldCo',
      'active',
      now,
    ]);
    await run(
      'insert into ledger_postings (organization_id, idempotency_key, debit, credit, amount, memo, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      [org, `trial:${org}`, 'promotions', 'available', 10, 'trial', now],
    );
    await run(
      'insert into channels (id, name, driver, config, enabled, priority, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      [
        '33333333-3333-4333-8333-333333333333',
        'Old channel',
        'simulator',
        JSON.stringify({ version: 1, settings: {} }),
        true,
        5,
        now,
      ],
    );

    await run(
      'insert into channel_message_ids (channel_id, channel_message_id, message_id, part) values (?, ?, ?, ?)',
      ['33333333-3333-4333-8333-333333333333', '1A2B3C', '44444444-4444-4444-8444-444444444444', 1],
    );

    await orm.migrator.up();

    const states = await em
      .getConnection()
      .execute('select operator, state from sender_authorizations order by operator');
    expect(states).toEqual([
      { operator: 'cellfie', state: 'active' },
      { operator: 'magti', state: 'active' },
      { operator: 'silknet', state: 'active' },
    ]);
    const kinds = await em.getConnection().execute('select kind from ledger_postings');
    expect(kinds).toEqual([{ kind: 'trial' }]);
    const routes = await em.getConnection().execute('select operator from routes order by operator');
    expect(routes.map((r) => r.operator)).toEqual(['cellfie', 'magti', 'silknet']);
    // Re-keyed (id the channel gave first): the row is still there, found by both columns of the new key.
    const ids = await em
      .getConnection()
      .execute(
        "select message_id, part from channel_message_ids where channel_message_id = '1A2B3C' and channel_id = ?",
        ['33333333-3333-4333-8333-333333333333'],
      );
    expect(ids).toEqual([{ message_id: '44444444-4444-4444-8444-444444444444', part: 1 }]);
  });
});
