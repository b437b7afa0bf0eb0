import { z } from 'zod';

/** The one error body every endpoint answers with; `code` is stable and namespaced (`area/reason`). */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
