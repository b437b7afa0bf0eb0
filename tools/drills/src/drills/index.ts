import type { DrillDefinition } from '../run.js';
import { connectionDrop } from './connection-drop.js';
import { operatorDown } from './operator-down.js';
import { receiptsDelayed } from './receipts-delayed.js';
import { receiptsLost } from './receipts-lost.js';
import { reserve2020, reserve2020NoReceipts } from './reserve-2020.js';
import { throttling } from './throttling.js';

/** Every drill by name, in the order of the issue. */
// biome-ignore lint/suspicious/noExplicitAny: each drill has its own parameter type
export const DRILLS: readonly DrillDefinition<any>[] = [
  operatorDown,
  throttling,
  receiptsDelayed,
  receiptsLost,
  connectionDrop,
  reserve2020,
  reserve2020NoReceipts,
];
