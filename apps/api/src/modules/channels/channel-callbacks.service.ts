import type { ChannelDriver } from '@mtredi/channel-sdk';
import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { Channel } from './channel.entity.js';
import { DriverRegistry } from './driver-registry.js';

/**
 * Receipts a channel's operator pushes over HTTP. Any API process can take them: the channel's driver
 * (built from its config, never started) checks and parses the request, and the receipts are stored before
 * the answer, since the sender retries anything but a 2xx.
 */
@Injectable()
export class ChannelCallbacks {
  private readonly parsers = new Map<string, { driver: ChannelDriver; configJson: string }>();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly registry: DriverRegistry,
    private readonly receipts: ReceiptsService,
  ) {}

  async receive(channelId: string, body: unknown, headers: Record<string, string | string[] | undefined>) {
    const driver = await this.parserFor(channelId);
    if (!driver.parseCallback) throw new DomainError('channels/no_callbacks', 'This channel takes no callbacks', 404);
    let receipts: ReturnType<NonNullable<ChannelDriver['parseCallback']>>;
    try {
      receipts = driver.parseCallback(body, headers);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new DomainError(
        typeof code === 'string' && code.includes('/') ? code : 'channels/bad_callback',
        (error as Error).message,
        400,
      );
    }
    for (const receipt of receipts) this.receipts.add(channelId, receipt);
    await this.receipts.flush();
    return { received: receipts.length };
  }

  private async parserFor(channelId: string): Promise<ChannelDriver> {
    const channel = await this.tenancy.system().findOne(Channel, { id: channelId });
    if (!channel?.enabled) throw new NotFoundError('channels', channelId);
    const configJson = JSON.stringify(channel.config);
    const cached = this.parsers.get(channelId);
    if (cached?.configJson === configJson) return cached.driver;
    const manifest = this.registry.get(channel.driver);
    const driver = manifest.create(manifest.configSchema.parse(channel.config.settings));
    this.parsers.set(channelId, { driver, configJson });
    return driver;
  }
}
