import { GeorgianMobile } from '@mtredi/api-contract';
import type { TextAnalysis } from '@mtredi/encoding';
import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { BoundSql, readJson } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { analyzeText } from '../messaging/text-analysis.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { authorizedOperators } from '../senders/senders.service.js';
import { fillTemplate } from '../templates/fill-template.js';
import type { Campaign, CampaignTotals, PlanPosition } from './campaign.entity.js';

/** Appended to advertising when the customer asks: the free way to withdraw consent the law requires. */
export const OPT_OUT_SUFFIX = '\nგამოწერის გაუქმება: STOP';
const SLICE = 1000;

export const PLAN_START: PlanPosition = { contactsAfter: null, contactsDone: false, numbersFrom: 0 };

/** One slice of the plan, and where the planner continues after it. */
export interface PlannedSlice {
  messages: PlannedMessage[];
  next: PlanPosition;
}

export interface PlannedMessage {
  to: string;
  text: string;
  analysis: TextAnalysis;
  operator: OperatorCode;
}

/**
 * Turns a campaign's recipients into the messages to send, slice by slice: contacts of its groups and
 * its chosen contacts (with their fields for the template), then pasted numbers; each number once; stopped,
 * invalid, unfillable, unauthorized and undeliverable recipients counted and left out. The estimate and the
 * fan-out run the same plan, so the customer confirms exactly what is sent. A plan can start at a position a
 * previous slice returned (a resumed fan-out); numbers seen before that position are then not known to be
 * repeats here, and the fan-out's on-conflict insert catches them instead.
 */
@Injectable()
export class CampaignPlanner {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly stopList: StopListService,
    private readonly operators: OperatorDirectory,
    private readonly routing: RoutingService,
  ) {}

  async *plan(
    campaign: Campaign,
    totals: CampaignTotals,
    from: PlanPosition = PLAN_START,
  ): AsyncGenerator<PlannedSlice> {
    const auth = { organizationId: campaign.organization.id };
    const em = this.tenancy.of(auth);
    const authorized = (await authorizedOperators(em, campaign.sender)) ?? new Set<OperatorCode>();
    const seen = new Set<string>();
    const analyses = new Map<string, TextAnalysis>();
    const deliverable = new Map<string, boolean>();

    const plan = async (people: { to: string; contact: SlicedContact | null }[]): Promise<PlannedMessage[]> => {
      const fresh = people.filter((p) => {
        if (seen.has(p.to)) {
          totals.duplicates++;
          return false;
        }
        seen.add(p.to);
        return true;
      });
      totals.recipients += fresh.length;
      const stopped = await this.stopList.stopped(
        auth,
        fresh.map((p) => p.to),
      );
      const out: PlannedMessage[] = [];
      for (const person of fresh) {
        if (stopped.has(person.to)) {
          totals.skippedStopped++;
          continue;
        }
        const operator = await this.operators.operatorOf(person.to);
        if (!operator || !authorized.has(operator)) {
          totals.skippedUnauthorized++;
          continue;
        }
        const filled = fillTemplate(
          campaign.body,
          {
            phone: person.to,
            firstName: person.contact?.firstName ?? null,
            lastName: person.contact?.lastName ?? null,
            fields: person.contact?.fields ?? {},
          },
          campaign.options.fallback,
        );
        if (filled.missing.length && campaign.options.missing === 'skip') {
          totals.skippedMissing++;
          continue;
        }
        const text = campaign.options.optOut ? filled.text + OPT_OUT_SUFFIX : filled.text;
        let analysis = analyses.get(text);
        if (!analysis) {
          analysis = analyzeText(text, campaign.options);
          if (analyses.size < 10_000) analyses.set(text, analysis);
        }
        const key = `${operator}\u0000${analysis.text}`;
        let ok = deliverable.get(key);
        if (ok === undefined) {
          const route = await this.routing.deliverability(operator, {
            to: person.to,
            text: analysis.text,
            encoding: analysis.encoding,
            characters: analysis.characters,
          });
          ok = route.kind !== 'impossible';
          if (deliverable.size < 10_000) deliverable.set(key, ok);
        }
        if (!ok) {
          totals.skippedUndeliverable++;
          continue;
        }
        out.push({ to: person.to, text: analysis.text, analysis, operator });
        totals.parts += analysis.parts;
      }
      totals.messages += out.length;
      return out;
    };

    // Contacts chosen directly or through groups, in id order, a slice at a time.
    const { groupIds, contactIds, numbers } = campaign.recipients;
    if ((groupIds.length || contactIds.length) && !from.contactsDone) {
      let afterId = from.contactsAfter;
      for (;;) {
        const slice = await nextContacts(new BoundSql(em), auth.organizationId, campaign.recipients, afterId);
        if (slice.length === 0) break;
        afterId = slice.at(-1)?.id ?? null;
        const messages = await plan(
          slice.flatMap((contact) => (contact.phone ? [{ to: contact.phone, contact }] : [])),
        );
        const done = slice.length < SLICE;
        yield { messages, next: { contactsAfter: afterId, contactsDone: done, numbersFrom: 0 } };
        if (done) break;
      }
    }
    for (let i = from.numbersFrom; i < numbers.length; i += SLICE) {
      const people: { to: string; contact: null }[] = [];
      for (const raw of numbers.slice(i, i + SLICE)) {
        const parsed = GeorgianMobile.safeParse(raw);
        if (parsed.success) people.push({ to: parsed.data, contact: null });
        else totals.skippedInvalid++;
      }
      const messages = await plan(people);
      yield { messages, next: { contactsAfter: null, contactsDone: true, numbersFrom: i + SLICE } };
    }
  }
}

/** What the plan reads of a contact; `phone` is null for a member whose contact was deleted meanwhile. */
interface SlicedContact {
  id: string;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, string> | null;
}

/**
 * The next slice of a campaign's contacts after `afterId`, in id order, as plain rows: each group's members and
 * the chosen contacts are read along their own index from there, a slice each, merged, and joined to the
 * contacts. (One `id in (members of the groups)` query per slice, read into entities, had the database gather
 * every member of a million-contact group for each slice, and took most of a campaign's planning time.)
 */
async function nextContacts(
  db: BoundSql,
  organizationId: string,
  recipients: { groupIds: string[]; contactIds: string[] },
  afterId: string | null,
): Promise<SlicedContact[]> {
  const after = (column: string) => (afterId ? sql`and ${sql.ref(column)} > ${afterId}` : sql``);
  const sources = recipients.groupIds.map(
    (groupId, i) => sql`select id from (
      select contact_id as id from group_members
      where group_id = ${groupId} and organization_id = ${organizationId} ${after('contact_id')}
      order by contact_id limit ${SLICE}) as ${sql.raw(`g${i}`)}`,
  );
  if (recipients.contactIds.length) {
    sources.push(sql`select id from (
      select id from contacts
      where organization_id = ${organizationId} and id ${db.in(recipients.contactIds)} ${after('id')}
      order by id limit ${SLICE}) as chosen`);
  }
  if (sources.length === 0) return [];
  const rows = await db.rows<{
    id: string;
    phone: string | null;
    first_name: string | null;
    last_name: string | null;
    fields: unknown;
  }>(sql`select ids.id, c.phone, c.first_name, c.last_name, c.fields
    from (select id from (${sql.join(sources, sql` union `)}) as merged order by id limit ${SLICE}) as ids
    left join contacts c on c.id = ids.id and c.organization_id = ${organizationId}
    order by ids.id`);
  return rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    firstName: r.first_name,
    lastName: r.last_name,
    fields: readJson<SlicedContact['fields']>(r.fields),
  }));
}

export function emptyTotals(): CampaignTotals {
  return {
    recipients: 0,
    messages: 0,
    parts: 0,
    skippedStopped: 0,
    skippedInvalid: 0,
    skippedMissing: 0,
    skippedUnauthorized: 0,
    skippedUndeliverable: 0,
    duplicates: 0,
  };
}
