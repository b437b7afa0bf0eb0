import { describe, expect, it } from 'vitest';
import { DriverRegistry } from './driver-registry.js';

describe('DriverRegistry', () => {
  it('loads the manifests a driver package exports, by driver name', async () => {
    const registry = new DriverRegistry();
    await registry.load(['@mtredi/driver-simulator']);
    expect(registry.list().map((m) => m.name)).toEqual(['simulator']);
    const first = registry.get('simulator').create(registry.get('simulator').configSchema.parse({}));
    const second = registry.get('simulator').create(registry.get('simulator').configSchema.parse({}));
    expect(first).not.toBe(second);
  });

  it('refuses a package that exports no manifest, and names unknown drivers', async () => {
    const registry = new DriverRegistry();
    await expect(registry.load(['@mtredi/channel-sdk'])).rejects.toThrow(/exports no driver manifest/);
    expect(() => registry.get('smpp')).toThrow(/No driver named "smpp"/);
  });
});
