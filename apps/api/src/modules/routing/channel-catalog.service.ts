import type { ChannelCapabilities } from '@mtredi/channel-sdk';
import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable, Logger } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { Channel } from '../channels/channel.entity.js';
import { DriverRegistry } from '../channels/driver-registry.js';
import { Route } from './route.entity.js';

/** How long channel rows and routes are cached; staff changes reach every process within this time. */
const CACHE_MS = 5_000;

export interface CatalogChannel {
  id: string;
  name: string;
  driver: string;
  enabled: boolean;
  allowProviderSender: boolean;
  capabilities: ChannelCapabilities;
}

/**
 * What routing needs to know about channels in any process: enabled channels, their declared capabilities
 * (read from a driver instance built from the stored config, never started), and each operator's route.
 */
@Injectable()
export class ChannelCatalog {
  private readonly logger = new Logger(ChannelCatalog.name);
  private channels = new Map<string, CatalogChannel>();
  private routes = new Map<OperatorCode, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly registry: DriverRegistry,
  ) {}

  /** Enabled channels of the operator's route, in order. */
  async routeFor(operator: OperatorCode): Promise<CatalogChannel[]> {
    await this.refresh();
    return (this.routes.get(operator) ?? []).flatMap((id) => {
      const channel = this.channels.get(id);
      return channel?.enabled ? [channel] : [];
    });
  }

  /**
   * The first channel of the operator's route as staff ordered it, disabled or not: the operator's direct
   * channel. While staff keep a fallen direct channel disabled, the channel carrying its traffic is still a
   * reserve.
   */
  async firstOf(operator: OperatorCode): Promise<string | null> {
    await this.refresh();
    return this.routes.get(operator)?.[0] ?? null;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.loadedAt < CACHE_MS) return;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const em = this.tenancy.system();
    const [rows, routes] = await Promise.all([
      em.find(Channel, {}),
      em.find(Route, {}, { orderBy: { priority: 'asc' } }),
    ]);
    const channels = new Map<string, CatalogChannel>();
    for (const row of rows) {
      const capabilities = this.capabilitiesOf(row);
      if (!capabilities) continue;
      channels.set(row.id, {
        id: row.id,
        name: row.name,
        driver: row.driver,
        enabled: row.enabled,
        allowProviderSender: row.allowProviderSender,
        capabilities,
      });
    }
    const byOperator = new Map<OperatorCode, string[]>();
    for (const route of routes)
      byOperator.set(route.operator, [...(byOperator.get(route.operator) ?? []), route.channelId]);
    this.channels = channels;
    this.routes = byOperator;
    this.loadedAt = Date.now();
  }

  private capabilitiesOf(row: Channel): ChannelCapabilities | null {
    try {
      const manifest = this.registry.get(row.driver);
      return manifest.create(manifest.configSchema.parse(row.config.settings)).capabilities;
    } catch (error) {
      this.logger.warn(`Channel "${row.name}" is left out of routing: ${(error as Error).message}`);
      return null;
    }
  }
}
