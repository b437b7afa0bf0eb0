import { defineEntity, p } from '@mikro-orm/core';

/** Words refused as sender names ("Fasdakleba", "Info"…); staff edit the list. */
export const GenericSenderNameSchema = defineEntity({
  name: 'GenericSenderName',
  tableName: 'generic_sender_names',
  properties: {
    name: p.string().length(40).primary(),
  },
});
export class GenericSenderName extends GenericSenderNameSchema.class {}
GenericSenderNameSchema.setClass(GenericSenderName);
