import { defineEntity, p } from '@mikro-orm/core';

/** A message staff publish to every customer's portal (re-authorization demands, channel conditions). */
export const NoticeSchema = defineEntity({
  name: 'Notice',
  tableName: 'notices',
  indexes: [{ properties: ['active', 'publishedAt'] }],
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(['reauthorization', 'service'] as const),
    textKa: p.text(),
    textEn: p.text(),
    active: p.boolean().default(true),
    publishedAt: p.datetime(),
    publishedBy: p.uuid().nullable(),
  },
});
export class Notice extends NoticeSchema.class {}
NoticeSchema.setClass(Notice);
