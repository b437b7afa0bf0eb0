/** The three Georgian mobile operators; each authorizes every sender name on its own. */
export const OPERATORS = ['magti', 'silknet', 'cellfie'] as const;
export type OperatorCode = (typeof OPERATORS)[number];

/** Names as customers know them, for messages. */
export const OPERATOR_NAMES: Readonly<Record<OperatorCode, string>> = {
  magti: 'Magti',
  silknet: 'Silknet',
  cellfie: 'Cellfie',
};

export function isOperatorCode(value: unknown): value is OperatorCode {
  return typeof value === 'string' && (OPERATORS as readonly string[]).includes(value);
}

/**
 * Who caused a change: the customer, platform staff, the operator (its decision, usually entered by staff
 * from the operator's answer), or the platform itself. `id` is the user or system id, null when unknown.
 */
export interface Actor {
  kind: 'customer' | 'staff' | 'operator' | 'system';
  id: string | null;
}
