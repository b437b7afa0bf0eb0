import { z } from 'zod';

export const SenderName = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['requested', 'active', 'rejected', 'revoked']),
});
export type SenderName = z.infer<typeof SenderName>;

export const SenderList = z.object({ items: z.array(SenderName) });
