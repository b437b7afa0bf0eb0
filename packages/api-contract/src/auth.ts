import { z } from 'zod';

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1, 'password is required'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'member', 'staff']),
  organization: z.object({ id: z.string(), name: z.string(), status: z.enum(['pending', 'active', 'suspended']) }),
});
export type SessionUser = z.infer<typeof SessionUser>;
