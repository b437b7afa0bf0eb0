import { z } from 'zod';
import { GeorgianPhone } from './phone.js';

const Password = z.string().min(10, 'password must have at least 10 characters').max(200);
const Email = z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address'));

export const RegisterRequest = z.object({
  companyName: z.string().trim().min(2, 'company name is required').max(200),
  website: z
    .string()
    .trim()
    .max(200)
    .regex(/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/.*)?$/i, 'not a web address (e.g. example.ge)')
    .optional(),
  contactName: z.string().trim().min(2, 'contact person is required').max(200),
  email: Email,
  phone: GeorgianPhone,
  password: Password,
});
export type RegisterRequest = z.input<typeof RegisterRequest>;

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1), newPassword: Password });

export const OrganizationStatus = z.enum(['pending', 'active', 'suspended']);

export const OrganizationProfile = z.object({
  id: z.string(),
  name: z.string(),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: OrganizationStatus,
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

export const UpdateOrganizationRequest = z.object({
  website: z.string().trim().max(200).nullable().optional(),
  contactName: z.string().trim().min(2).max(200).optional(),
  contactEmail: Email.optional(),
  contactPhone: GeorgianPhone.optional(),
});

export const Member = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'member', 'staff']),
  createdAt: z.string(),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });

/** The owner creates the member with a first password and hands it over; the member changes it. */
export const AddMemberRequest = z.object({
  email: Email,
  name: z.string().trim().min(2).max(200),
  password: Password,
});

export const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;
export const ApiKeyList = z.object({ items: z.array(ApiKeySummary) });
export const CreateApiKeyRequest = z.object({ name: z.string().trim().min(1, 'name is required').max(100) });
/** Returned once, at creation: the only time the secret `key` is ever shown. */
export const CreatedApiKey = ApiKeySummary.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

/** Staff view of an organization waiting for activation. */
export const AdminOrganization = OrganizationProfile.extend({ ownerEmail: z.string().nullable() });
export const AdminOrganizationList = z.object({ items: z.array(AdminOrganization) });
