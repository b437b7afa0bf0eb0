/** Placeholders look like {first_name} or {city}; names are letters, digits and underscores (Georgian too). */
const PLACEHOLDER = /\{([\p{L}\p{N}_]+)\}/gu;

export interface TemplateContact {
  phone: string;
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, string>;
}

export interface FilledTemplate {
  text: string;
  /** Placeholders the contact had no value for. */
  missing: string[];
}

/** The placeholders a template uses, in order of first appearance. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * Fills a template for one contact. Missing values are replaced by `fallback` (possibly empty) and listed,
 * so the caller can skip the recipient instead if the customer chose that.
 */
export function fillTemplate(body: string, contact: TemplateContact, fallback = ''): FilledTemplate {
  const missing: string[] = [];
  const values: Record<string, string | null> = {
    first_name: contact.firstName,
    last_name: contact.lastName,
    phone: contact.phone,
    ...contact.fields,
  };
  const text = body.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === null || value === undefined || value === '') {
      if (!missing.includes(name)) missing.push(name);
      return fallback;
    }
    return value;
  });
  return { text, missing };
}
