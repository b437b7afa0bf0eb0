import { randomUUID } from 'node:crypto';
import { OPERATORS, type OperatorCode } from '@mtredi/sender-auth';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE } from '../../jobs/message-jobs.js';
import { AuditService } from '../audit/audit.service.js';
import { ChannelCatalog } from '../routing/channel-catalog.service.js';
import { Route } from '../routing/route.entity.js';
import { Channel } from './channel.entity.js';
import { ChannelHealthStore } from './channel-health.store.js';
import { DriverRegistry } from './driver-registry.js';

/** Config fields never sent back to a browser: they are write-only. */
const SECRET_FIELD = /pass|secret|token|key/i;
const MASK = '********';

/** Staff manage channels and routes; configs are validated by the driver's own schema. */
@Injectable()
export class ChannelAdminService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly registry: DriverRegistry,
    private readonly health: ChannelHealthStore,
    private readonly catalog: ChannelCatalog,
    private readonly audit: AuditService,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  drivers() {
    return {
      items: this.registry.list().map((m) => ({
        name: m.name,
        title: m.title,
        description: m.description,
        configSchema: z.toJSONSchema(m.configSchema, { io: 'input', unrepresentable: 'any' }),
      })),
    };
  }

  async list() {
    const em = this.tenancy.system();
    const [channels, routes, live, counts] = await Promise.all([
      em.find(Channel, {}, { orderBy: { priority: 'asc', name: 'asc' } }),
      em.find(Route, {}, { orderBy: { priority: 'asc' } }),
      this.health.all(),
      this.queue.getJobCounts(),
    ]);
    return {
      queue: { waiting: counts.waiting, delayed: counts.delayed, active: counts.active },
      items: channels.map((c) => ({
        id: c.id,
        name: c.name,
        driver: c.driver,
        enabled: c.enabled,
        priority: c.priority,
        allowProviderSender: c.allowProviderSender,
        config: maskSecrets(c.config.settings),
        health: c.enabled ? (live[c.id]?.health ?? 'unknown') : 'disabled',
        healthDetail: live[c.id]?.detail ?? null,
        healthSince: live[c.id]?.since ?? null,
        operators: routes.filter((r) => r.channelId === c.id).map((r) => r.operator),
      })),
    };
  }

  async create(staff: AuthContext, input: ChannelInput) {
    const settings = this.validate(input.driver, input.config);
    const id = randomUUID();
    await this.tenancy.system().transactional(async (tx) => {
      if (await tx.count(Channel, { name: input.name })) {
        throw new DomainError('channels/duplicate_name', `A channel named "${input.name}" exists`, 409);
      }
      tx.create(Channel, {
        id,
        name: input.name,
        driver: input.driver,
        config: { version: 1, settings },
        enabled: input.enabled ?? true,
        priority: input.priority ?? 100,
        allowProviderSender: input.allowProviderSender ?? false,
        createdAt: new Date(),
      });
      this.audit.record(tx, staff, {
        action: 'channel.created',
        organizationId: null,
        targetType: 'channel',
        targetId: id,
        details: { name: input.name, driver: input.driver },
      });
    });
    this.catalog.invalidate();
    return id;
  }

  /** Changes a channel; secret fields left empty or masked keep their stored value. */
  async update(staff: AuthContext, id: string, changes: Partial<ChannelInput>) {
    await this.tenancy.system().transactional(async (tx) => {
      const channel = await tx.findOne(Channel, { id });
      if (!channel) throw new NotFoundError('channels', id);
      const patch: Partial<Channel> = {};
      if (changes.config) {
        const merged = { ...changes.config };
        for (const [key, value] of Object.entries(merged)) {
          if (SECRET_FIELD.test(key) && (value === MASK || value === '' || value === undefined)) {
            merged[key] = channel.config.settings[key];
          }
        }
        patch.config = { version: 1, settings: this.validate(channel.driver, merged) };
      }
      if (changes.name !== undefined) patch.name = changes.name;
      if (changes.enabled !== undefined) patch.enabled = changes.enabled;
      if (changes.priority !== undefined) patch.priority = changes.priority;
      if (changes.allowProviderSender !== undefined) patch.allowProviderSender = changes.allowProviderSender;
      await tx.nativeUpdate(Channel, { id }, patch);
      this.audit.record(tx, staff, {
        action: 'channel.updated',
        organizationId: null,
        targetType: 'channel',
        targetId: id,
        details: { fields: Object.keys(patch) },
      });
    });
    this.catalog.invalidate();
  }

  async routes() {
    const rows = await this.tenancy.system().find(Route, {}, { orderBy: { priority: 'asc' } });
    return {
      items: OPERATORS.map((operator) => ({
        operator,
        channelIds: rows.filter((r) => r.operator === operator).map((r) => r.channelId),
      })),
    };
  }

  /** The operator's channels in the order routing tries them. */
  async setRoute(staff: AuthContext, operator: OperatorCode, channelIds: string[]) {
    await this.tenancy.system().transactional(async (tx) => {
      const known = await tx.count(Channel, { id: { $in: channelIds } });
      if (known !== new Set(channelIds).size)
        throw new DomainError('channels/unknown_channel', 'A route names a channel that does not exist', 422);
      await tx.nativeDelete(Route, { operator });
      channelIds.forEach((channelId, priority) => {
        tx.create(Route, { operator, channelId, priority });
      });
      this.audit.record(tx, staff, {
        action: 'route.set',
        organizationId: null,
        targetType: 'operator',
        targetId: operator,
        details: { channelIds },
      });
    });
    this.catalog.invalidate();
    return this.routes();
  }

  private validate(driver: string, config: Record<string, unknown>): Record<string, unknown> {
    const manifest = this.registry.get(driver);
    const parsed = manifest.configSchema.safeParse(config);
    if (!parsed.success) {
      throw new DomainError(
        'channels/invalid_config',
        `Invalid ${driver} channel configuration`,
        400,
        parsed.error.issues.map((i) => ({ path: `config.${i.path.join('.')}`, message: i.message })),
      );
    }
    return config;
  }
}

export interface ChannelInput {
  name: string;
  driver: string;
  config: Record<string, unknown>;
  enabled?: boolean | undefined;
  priority?: number | undefined;
  allowProviderSender?: boolean | undefined;
}

function maskSecrets(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, SECRET_FIELD.test(k) && v ? MASK : v]));
}
