import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ChannelHealthStore } from './channel-health.store.js';
import { DriverRegistry } from './driver-registry.js';

/** What every role needs about channels: the driver plugins and the shared health view. */
@Module({
  providers: [
    {
      provide: DriverRegistry,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const registry = new DriverRegistry();
        await registry.load(config.drivers);
        return registry;
      },
    },
    ChannelHealthStore,
  ],
  exports: [DriverRegistry, ChannelHealthStore],
})
export class ChannelsModule {}
