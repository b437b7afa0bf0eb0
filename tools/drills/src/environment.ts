import { ApiClient, type ChannelView, topUp } from './api.js';
import { Platform } from './platform.js';
import { PlatformLog } from './platform-log.js';
import { PROVIDER_NAME, type ScenarioDoc, SMPP_ACCOUNT } from './scenarios.js';
import { SimulatorProcess } from './simulator.js';
import { waitFor } from './traffic.js';

export const STAFF = { email: 'staff@mtredi.ge', password: 'mtredi-staff' } as const;
export const DIRECT = 'Magti direct (SMPP)';
export const RESERVE = 'Reserve aggregator';
const RESERVE_TOKEN = 'drill-reserve-account';

export interface ReserveOptions {
  /** How the reserve channel learns statuses: by polling its feed, or not at all (22 April 2020). */
  receiptMode: 'polling' | 'none';
  pollIntervalSeconds: number;
}

export interface EnvironmentOptions {
  /** The operator's behaviour from the start (applied before the platform binds). */
  scenario: ScenarioDoc;
  /** Settings of the SMPP channel over the drill's defaults (window, throughput…). */
  smpp?: Record<string, unknown>;
  /** A reserve aggregator channel second on Magti's route. */
  reserve?: ReserveOptions;
  /** Credit (SMS parts) the demo organization buys before the drill. */
  credit: number;
  /** Health the direct channel must show before traffic starts. */
  directHealth?: 'up' | 'down';
  postgresServer?: string | undefined;
  log: (line: string) => void;
}

/**
 * One drill's world: the simulator process, the platform processes, a staff session and the demo
 * customer's API key, with the SMPP channel (and the reserve) created through the staff API and on
 * Magti's route, and credit bought the way a customer buys it.
 */
export class DrillEnvironment {
  readonly log: PlatformLog;
  private constructor(
    readonly simulator: SimulatorProcess,
    readonly platform: Platform,
    readonly staff: ApiClient,
    public customer: ApiClient,
    readonly channelIds: { direct: string; reserve?: string },
    readonly options: EnvironmentOptions,
  ) {
    this.log = new PlatformLog(platform);
  }

  static async start(options: EnvironmentOptions): Promise<DrillEnvironment> {
    const say = options.log;
    const simulator = await SimulatorProcess.start(
      options.reserve ? { aggregatorToken: RESERVE_TOKEN, aggregatorSenderOverride: 'unauthorized' } : {},
    );
    let platform: Platform | undefined;
    try {
      await simulator.setScenario(options.scenario);
      say(
        `simulator: control ${simulator.controlUrl}, SMSC :${simulator.smppPort}${simulator.aggregatorUrl ? `, aggregator ${simulator.aggregatorUrl}` : ''}`,
      );
      // Retries are logged at debug level only: the drill counts them from the log.
      platform = await Platform.start({ postgresServer: options.postgresServer, env: { LOG_LEVEL: 'debug' } });
      say(`platform: ${platform.baseUrl} (${options.postgresServer ? 'PostgreSQL' : 'SQLite'})`);
      const staff = await ApiClient.login(platform.baseUrl, STAFF.email, STAFF.password);
      const direct = await staff.createChannel({
        name: DIRECT,
        driver: 'smpp',
        priority: 10,
        config: {
          host: '127.0.0.1',
          port: simulator.smppPort,
          systemId: SMPP_ACCOUNT.systemId,
          password: SMPP_ACCOUNT.password,
          window: 10,
          throughput: 500,
          responseTimeoutMs: 5000,
          enquireLinkIntervalMs: 5000,
          reconnect: { initialMs: 500, maxMs: 2000, bindRefusedMs: 2000 },
          startTimeoutMs: 3000,
          throttledRetryMs: 200,
          ...options.smpp,
        },
      });
      const ids: { direct: string; reserve?: string } = { direct };
      if (options.reserve && simulator.aggregatorUrl) {
        ids.reserve = await staff.createChannel({
          name: RESERVE,
          driver: 'aggregator',
          priority: 20,
          // Staff allowed the provider's name on this channel, as in April 2020.
          allowProviderSender: true,
          config: {
            baseUrl: simulator.aggregatorUrl,
            token: RESERVE_TOKEN,
            receiptMode: options.reserve.receiptMode,
            pollIntervalSeconds: options.reserve.pollIntervalSeconds,
            healthProbeSeconds: 1,
            capabilities: {
              maxChars: { gsm7: 480, ucs2: 320 },
              duplicateWindowSeconds: 10_800,
              senderPolicy: 'may_override',
              maxMessagesPerSecond: 200,
            },
          },
        });
      }
      await staff.setRoute('magti', ids.reserve ? [direct, ids.reserve] : [direct]);
      const credit = await topUp(ApiClient.withKey(platform.baseUrl, platform.apiKey), staff, options.credit);
      say(
        `channels on Magti's route: ${ids.reserve ? `${DIRECT}, then ${RESERVE}` : DIRECT}; credit bought: ${credit} parts`,
      );
      // The worker starts channel drivers at boot: restart it so it runs the new channels.
      await platform.restartWorker();
      const environment = new DrillEnvironment(
        simulator,
        platform,
        staff,
        ApiClient.withKey(platform.baseUrl, platform.apiKey),
        ids,
        options,
      );
      await environment.waitForHealth(DIRECT, options.directHealth ?? 'up', 30_000);
      if (ids.reserve) await environment.waitForHealth(RESERVE, 'up', 30_000);
      return environment;
    } catch (error) {
      await platform?.destroy();
      await simulator.stop();
      throw error;
    }
  }

  async channel(name: string): Promise<ChannelView | undefined> {
    return (await this.staff.channels()).items.find((c) => c.name === name);
  }

  waitForHealth(name: string, health: string, timeoutMs: number): Promise<ChannelView> {
    return waitFor(
      `channel "${name}" ${health}`,
      async () => {
        const channel = await this.channel(name);
        return channel?.health === health ? channel : undefined;
      },
      timeoutMs,
    );
  }

  /** The provider's own name, under which the reserve may deliver. */
  get providerName(): string {
    return PROVIDER_NAME;
  }

  /** Stops every process and removes the database, Redis keys and files; the simulator last. */
  async destroy(): Promise<void> {
    this.log.close();
    await this.platform.destroy().catch(() => undefined);
    await this.simulator.stop();
  }
}
