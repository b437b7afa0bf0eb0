import { type ChannelDriver, type ChannelHealth, type InboundMessage, isStopRequest } from '@mtredi/channel-sdk';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { CircuitBreaker } from '../routing/circuit-breaker.js';
import type { LiveChannelState } from '../routing/routing.service.js';
import { Channel } from './channel.entity.js';
import { ChannelHealthStore } from './channel-health.store.js';
import { DriverRegistry } from './driver-registry.js';

export interface RunningChannel {
  id: string;
  name: string;
  priority: number;
  driver: ChannelDriver;
  health: ChannelHealth;
  breaker: CircuitBreaker;
}

/** Starts one driver instance per enabled channel in a worker process and stops them on shutdown. */
@Injectable()
export class ChannelRuntime implements OnApplicationBootstrap, OnApplicationShutdown, LiveChannelState {
  private readonly logger = new Logger(ChannelRuntime.name);
  private running: RunningChannel[] = [];

  constructor(
    private readonly tenancy: Tenancy,
    private readonly registry: DriverRegistry,
    private readonly receipts: ReceiptsService,
    private readonly healthStore: ChannelHealthStore,
    private readonly stopList: StopListService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const channels = await this.tenancy
      .system()
      .find(Channel, { enabled: true }, { orderBy: { priority: 'asc', name: 'asc' } });
    for (const channel of channels) await this.start(channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.map((c) => c.driver.stop()));
    this.running = [];
  }

  /** The running driver of a channel in this process, if any. */
  get(channelId: string): RunningChannel | undefined {
    return this.running.find((c) => c.id === channelId);
  }

  health(channelId: string): ChannelHealth {
    return this.get(channelId)?.health ?? 'down';
  }

  circuitOpen(channelId: string): boolean {
    return this.get(channelId)?.breaker.isOpen() ?? false;
  }

  all(): readonly RunningChannel[] {
    return this.running;
  }

  /** A reply from a handset. A STOP puts the number on the stop list of the organization that last wrote to it. */
  private async inbound(channelName: string, message: InboundMessage): Promise<void> {
    this.logger.log(`Inbound message from ${message.from} on "${channelName}"`);
    if (!isStopRequest(message.text)) return;
    try {
      const organizationId = await this.stopList.stopFromReply(message.from, message.text);
      this.logger.log(
        `${message.from} opted out${organizationId ? ` of organization ${organizationId}` : ' (no organization has written to it)'}`,
      );
    } catch (error) {
      this.logger.error(`Could not record the opt-out of ${message.from}: ${(error as Error).message}`);
    }
  }

  private async start(channel: Channel): Promise<void> {
    const manifest = this.registry.get(channel.driver);
    const parsed = manifest.configSchema.safeParse(channel.config.settings);
    if (!parsed.success) {
      this.logger.error(`Channel "${channel.name}" not started: invalid config: ${parsed.error.message}`);
      await this.healthStore.set(channel.id, 'down', 'invalid configuration');
      return;
    }
    const entry: RunningChannel = {
      id: channel.id,
      name: channel.name,
      priority: channel.priority,
      driver: manifest.create(parsed.data),
      health: 'down',
      breaker: new CircuitBreaker(),
    };
    this.running.push(entry);
    await entry.driver.start({
      channelId: channel.id,
      onReceipt: (receipt) => this.receipts.add(channel.id, receipt),
      onInbound: (message) => void this.inbound(channel.name, message),
      onHealth: (health, detail) => {
        entry.health = health;
        void this.healthStore.set(channel.id, health, detail);
      },
    });
    this.logger.log(`Channel "${channel.name}" (${channel.driver}) started`);
  }
}
