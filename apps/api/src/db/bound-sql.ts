import type { SqlEntityManager } from '@mikro-orm/sql';
import { type RawBuilder, sql } from 'kysely';

/** A column of rows passed as one parameter: its name and, for PostgreSQL's unnest, its element type. */
export interface BulkColumn {
  name: string;
  pgType: 'uuid' | 'text' | 'int' | 'timestamptz' | 'jsonb';
}

/**
 * SQL for the message pipeline's hot statements, with parameters bound by the database driver. MikroORM
 * writes every parameter into the statement text (an UPDATE of 500 ids is a 20 KB string the server parses
 * afresh each time); here a list of any length is one parameter: an array on PostgreSQL (`= any($1)`,
 * `unnest`), a JSON text on SQLite (`json_each`). Runs on the entity manager's connection, inside its
 * transaction when it has one. Everything else keeps using the ORM. See docs/decisions/0003.
 */
export class BoundSql {
  readonly postgres: boolean;

  constructor(private readonly em: SqlEntityManager) {
    this.postgres = em.getPlatform().constructor.name.startsWith('PostgreSql');
  }

  /** `column <this>`: membership in a list, as one parameter. */
  in(values: readonly (string | number)[]): RawBuilder<unknown> {
    return this.postgres ? sql`= any(${values})` : sql`in (select value from json_each(${JSON.stringify(values)}))`;
  }

  /**
   * `id <this>`: membership in a list of a table's ids, with the rows locked in id order first (PostgreSQL).
   * Concurrent updates of overlapping lists of messages (claims, releases, accepts, receipts) otherwise take
   * their row locks in whatever order each plan scans (index order for a few ids, heap order for many) and
   * can deadlock; PostgreSQL then aborts one of them. SQLite has one writer and needs no locks.
   */
  inLocked(table: string, ids: readonly string[]): RawBuilder<unknown> {
    if (!this.postgres) return this.in(ids);
    return sql`in (select id from ${sql.id(table)} where id = any(${ids}) order by id for update)`;
  }

  /** A timestamp parameter as the ORM stores it (SQLite: milliseconds since the epoch). */
  date(value: Date | null): RawBuilder<unknown> {
    if (value === null) return sql`null`;
    return this.postgres ? sql`${value}` : sql`${value.getTime()}`;
  }

  /**
   * Rows as a derived table `v` with the columns' names: `unnest` of one array parameter per column on
   * PostgreSQL, `json_each` of one JSON parameter on SQLite. Dates are converted as {@link date} does.
   */
  values(columns: readonly BulkColumn[], rows: readonly unknown[][]): RawBuilder<unknown> {
    const names = sql.join(columns.map((c) => sql.id(c.name)));
    if (this.postgres) {
      const arrays = columns.map((c, i) => sql`${rows.map((row) => row[i] ?? null)}::${sql.raw(c.pgType)}[]`);
      return sql`unnest(${sql.join(arrays)}) as v(${names})`;
    }
    const json = JSON.stringify(rows.map((row) => row.map((v) => (v instanceof Date ? v.getTime() : (v ?? null)))));
    const picks = sql.join(columns.map((c, i) => sql`value ->> ${sql.raw(String(i))} as ${sql.id(c.name)}`));
    return sql`(select ${picks} from json_each(${json})) as v`;
  }

  /** `insert into <table> (<columns>) <rows> <tail>`, the rows as {@link values}; `tail` e.g. `on conflict …`. */
  insert(table: string, columns: readonly BulkColumn[], rows: readonly unknown[][], tail = sql``): RawBuilder<unknown> {
    const names = sql.join(columns.map((c) => sql.id(c.name)));
    // `where true` tells SQLite's parser that a following ON CONFLICT belongs to the insert, not to a join.
    return sql`insert into ${sql.id(table)} (${names}) select * from ${this.values(columns, rows)} where true ${tail}`;
  }

  async rows<T>(query: RawBuilder<unknown>): Promise<T[]> {
    return (await query.execute(this.em.getKysely())).rows as T[];
  }

  /**
   * Runs data-changing statements together: on PostgreSQL as one statement (each a `WITH` part), one round
   * trip instead of one each; on SQLite one after another. None may read what another writes.
   */
  async runTogether(statements: readonly RawBuilder<unknown>[]): Promise<void> {
    if (!this.postgres || statements.length < 2) {
      for (const statement of statements) await this.run(statement);
      return;
    }
    const parts = statements.map((statement, i) => sql`${sql.raw(`s${i}`)} as (${statement})`);
    await this.run(sql`with ${sql.join(parts)} select 1`);
  }

  /** Runs a statement; returns the number of rows it changed. */
  async run(query: RawBuilder<unknown>): Promise<number> {
    return Number((await query.execute(this.em.getKysely())).numAffectedRows ?? 0);
  }
}

/** A timestamp column read by hand: a Date from PostgreSQL, epoch milliseconds (or text) from SQLite. */
export function readDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as number));
}

/** A JSON column read by hand: parsed by PostgreSQL's driver (jsonb), JSON text from SQLite. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
