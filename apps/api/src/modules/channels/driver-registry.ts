import type { DriverManifest } from '@mtredi/channel-sdk';
import { Injectable, Logger } from '@nestjs/common';

function isManifest(value: unknown): value is DriverManifest {
  const v = value as Partial<DriverManifest> | null;
  return !!v && typeof v.name === 'string' && typeof v.create === 'function' && typeof v.configSchema === 'object';
}

/**
 * The keyed map from driver name to manifest. Plugins are npm packages whose entry exports one or more
 * manifests; adding a driver means installing its package and naming it, nothing in the core changes.
 */
@Injectable()
export class DriverRegistry {
  private readonly logger = new Logger(DriverRegistry.name);
  private readonly manifests = new Map<string, DriverManifest>();

  async load(packages: readonly string[]): Promise<void> {
    for (const name of packages) {
      const module = (await import(name)) as Record<string, unknown>;
      const found = Object.values(module).filter(isManifest);
      if (found.length === 0) throw new Error(`Driver package ${name} exports no driver manifest`);
      for (const manifest of found) {
        this.manifests.set(manifest.name, manifest);
        this.logger.log(`Driver "${manifest.name}" loaded from ${name}`);
      }
    }
  }

  get(name: string): DriverManifest {
    const manifest = this.manifests.get(name);
    if (!manifest)
      throw new Error(`No driver named "${name}" is loaded (loaded: ${[...this.manifests.keys()].join(', ')})`);
    return manifest;
  }

  list(): DriverManifest[] {
    return [...this.manifests.values()];
  }
}
