import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignRecipients {
  groupIds: string[];
  contactIds: string[];
  /** Pasted numbers, already E.164. */
  numbers: string[];
}

export interface CampaignOptions {
  transliterate: 'none' | 'national' | 'national_apostrophe' | 'latin_georgian';
  replaceLookalikes: boolean;
  /** A recipient whose contact lacks a placeholder's value: skip it, or use the fallback text. */
  missing: 'skip' | 'fallback';
  fallback: string;
  /** Advertising: append the opt-out instruction (a free way to withdraw consent, as the law requires). */
  optOut: boolean;
}

export interface CampaignTotals {
  recipients: number;
  messages: number;
  parts: number;
  skippedStopped: number;
  skippedInvalid: number;
  skippedMissing: number;
  skippedUnauthorized: number;
  skippedUndeliverable: number;
  duplicates: number;
}

/** Where the planner continues: contacts after this id (in id order), then pasted numbers from this index. */
export interface PlanPosition {
  contactsAfter: string | null;
  contactsDone: boolean;
  numbersFrom: number;
}

/**
 * How far the fan-out got, committed with each stored chunk, so that a fan-out that was paused or
 * interrupted continues where it stopped instead of planning the campaign again.
 */
export interface FanoutCursor {
  /** The next chunk's number (its reserve posting's key). */
  chunk: number;
  position: PlanPosition;
  /** Totals of everything planned before `position`. */
  totals: CampaignTotals;
  /** Messages the estimate counted when the campaign was started: progress until `totals` is final. */
  expected: number | null;
}

/** A send to many recipients: composed, estimated, confirmed, fanned out in chunks, paused, resumed or cancelled. */
export const CampaignSchema = defineEntity({
  name: 'Campaign',
  tableName: 'campaigns',
  indexes: [{ properties: ['organization', 'createdAt'] }, { properties: ['status', 'scheduledAt'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    name: p.string().length(200),
    status: p.enum(CAMPAIGN_STATUSES).default('draft'),
    sender: p.string().length(11),
    body: p.text(),
    /** The template the text came from; set to null if the template is deleted. */
    templateId: p.uuid().nullable(),
    options: p.json<CampaignOptions>(),
    recipients: p.json<CampaignRecipients>(),
    /** Set when the fan-out has stored every message (the fan-out is done). */
    totals: p.json<CampaignTotals>().nullable(),
    fanoutCursor: p.json<FanoutCursor>().nullable(),
    /** The fan-out run allowed to store chunks: a newer run takes over and an older one stops at its next chunk. */
    fanoutOwner: p.string().length(36).nullable(),
    failure: p.string().length(300).nullable(),
    scheduledAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export class Campaign extends CampaignSchema.class {}
CampaignSchema.setClass(Campaign);
