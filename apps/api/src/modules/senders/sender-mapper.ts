import type { SenderName as SenderDto } from '@mtredi/api-contract';
import { type AuthorizationState, OPERATORS, type OperatorCode, overallStatus } from '@mtredi/sender-auth';
import type { SenderAuthorization } from './sender-authorization.entity.js';
import type { SenderName } from './sender-name.entity.js';

export function toSenderDto(sender: SenderName, authorizations: SenderAuthorization[]): SenderDto {
  const mine = authorizations.filter((a) => a.sender.id === sender.id);
  const operators = {} as SenderDto['operators'];
  const states = {} as Record<OperatorCode, AuthorizationState>;
  for (const operator of OPERATORS) {
    const row = mine.find((a) => a.operator === operator);
    const state = row?.state ?? 'requested';
    states[operator] = state;
    operators[operator] = {
      state,
      reason: row?.reason ?? null,
      updatedAt: (row?.updatedAt ?? sender.createdAt).toISOString(),
    };
  }
  return {
    id: sender.id,
    name: sender.name,
    status: overallStatus(states),
    operators,
    matches: sender.matches,
    matchExplanation: sender.matchExplanation,
    overrideReason: sender.overrideReason ?? null,
    createdAt: sender.createdAt.toISOString(),
  };
}
