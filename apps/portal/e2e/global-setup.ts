import { buildPortal } from './harness.js';

/** Builds the portal once for all browser tests, before any of them starts a platform serving it. */
export default async function setup(): Promise<void> {
  await buildPortal();
}
