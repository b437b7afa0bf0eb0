import { GeorgianMobile } from '@mtredi/api-contract';
import type { TextAnalysis } from '@mtredi/encoding';
import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { Contact } from '../contacts/contact.entity.js';
import { GroupMember } from '../contacts/contact-group.entity.js';
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

    const plan = async (people: { to: string; contact: Contact | null }[]): Promise<PlannedMessage[]> => {
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
      const members = groupIds.length
        ? {
            id: {
              $in: em
                .createQueryBuilder(GroupMember, 'gm')
                .select('gm.contactId')
                .where({ groupId: { $in: groupIds } }),
            },
          }
        : null;
      const direct = contactIds.length ? { id: { $in: contactIds } } : null;
      const where = { $or: [members, direct].filter((w) => w !== null) };
      let afterId = from.contactsAfter;
      for (;;) {
        const slice = await em.find(
          Contact,
          { $and: [where, afterId ? { id: { $gt: afterId } } : {}] },
          { orderBy: { id: 'asc' }, limit: SLICE },
        );
        if (slice.length === 0) break;
        afterId = slice.at(-1)?.id ?? null;
        const messages = await plan(slice.map((contact) => ({ to: contact.phone, contact })));
        const done = slice.length < SLICE;
        yield { messages, next: { contactsAfter: afterId, contactsDone: done, numbersFrom: 0 } };
        em.clear();
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
