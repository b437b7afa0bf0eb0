import { type ChannelDriver, type ChannelHealth, type InboundMessage, isStopRequest } from '@mtredi/channel-sdk';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
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
  /** The stored settings it was started with; a change restarts the driver. */
  configJson: string;
  name: string;
  priority: number;
  driver: ChannelDriver;
  health: ChannelHealth;
  breaker: CircuitBreaker;
}

/** How often a worker looks for channels staff added, changed or disabled. */
const RECONCILE_MS = 5_000;

/** Starts one driver instance per enabled channel in a worker process and stops them on shutdown. */
@Injectable()
export class ChannelRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, LiveChannelState {
  private readonly logger = new Logger(ChannelRuntime.name);
  private running: RunningChannel[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> = Promise.resolve();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly registry: DriverRegistry,
    private readonly receipts: ReceiptsService,
    private readonly healthStore: ChannelHealthStore,
    private readonly stopList: StopListService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => {
      void this.reconcile().catch((e: Error) => this.logger.error(`Channel reconcile failed: ${e.message}`));
    }, RECONCILE_MS);
  }

  /**
   * Drivers stop before the other shutdown hooks run (the queues have finished their jobs by then): what a
   * driver hands over while stopping (receipts it still owed) reaches the receipts service before that
   * stores what it holds.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reconciling;
    await Promise.all(this.running.map((c) => c.driver.stop()));
    this.running = [];
  }

  /**
   * Brings the running drivers in line with the channel rows, so staff changes take effect without a
   * restart: new or re-enabled channels start, disabled or removed ones stop, changed settings restart.
   */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling.then(async () => {
      const channels = await this.tenancy
        .system()
        .find(Channel, { enabled: true }, { orderBy: { priority: 'asc', name: 'asc' } });
      const wanted = new Map(channels.map((c) => [c.id, c]));
      for (const running of [...this.running]) {
        const row = wanted.get(running.id);
        if (row && JSON.stringify(row.config) === running.configJson) continue;
        this.running = this.running.filter((r) => r !== running);
        await running.driver.stop();
        if (!row) await this.healthStore.set(running.id, 'down', 'disabled');
        this.logger.log(`Channel "${running.name}" stopped${row ? ' to apply new settings' : ''}`);
      }
      for (const channel of channels) {
        if (!this.get(channel.id)) await this.start(channel);
      }
    });
    return this.reconciling;
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
      configJson: JSON.stringify(channel.config),
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
