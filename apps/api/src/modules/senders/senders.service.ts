import type { SenderName as SenderNameDto } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { SenderName } from './sender-name.entity.js';

@Injectable()
export class SendersService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(auth: AuthContext): Promise<{ items: SenderNameDto[] }> {
    const names = await this.tenancy.of(auth).find(SenderName, {}, { orderBy: { name: 'asc' } });
    return { items: names.map(({ id, name, status }) => ({ id, name, status })) };
  }

  /** Refuses, before anything is stored or charged, a sender the organization may not use. */
  async assertActive(auth: AuthContext, name: string): Promise<void> {
    const sender = await this.tenancy.of(auth).findOne(SenderName, { name });
    if (!sender) {
      throw new DomainError('senders/unknown', `Sender name "${name}" is not registered for your organization`, 422, [
        { path: 'sender', message: 'unknown sender name' },
      ]);
    }
    if (sender.status !== 'active') {
      throw new DomainError('senders/not_active', `Sender name "${name}" is ${sender.status}, not active`, 422, [
        { path: 'sender', message: `sender name is ${sender.status}` },
      ]);
    }
  }
}
