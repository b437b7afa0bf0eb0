import { ScenarioInput } from '@mtredi/operator-sim';
import { z } from 'zod';

/**
 * Config of one `simulator` channel, as stored in its channel row. Every field is optional: `{}` is a
 * channel that accepts everything and reports `delivered` after 200 ms.
 */
export const SimulatorDriverConfig = z.strictObject({
  version: z.literal(1).default(1),
  /** The simulated operator's behaviour (operator-sim scenario; `version` may be left out). */
  scenario: ScenarioInput.optional(),
  maxChars: z
    .object({ gsm7: z.number().int().positive().default(1000), ucs2: z.number().int().positive().default(1000) })
    .default({ gsm7: 1000, ucs2: 1000 }),
  /**
   * Declared duplicate window. When the scenario sets none of its own, the simulator also enforces it,
   * so routing's promise ("never silently lose a message a channel would drop") can be drilled.
   */
  duplicateWindowSeconds: z.number().int().min(0).default(0),
  senderPolicy: z.enum(['exact', 'may_override']).default('exact'),
  /** `none` drops every receipt, like a reserve channel that reports nothing (statuses stay in transit). */
  receiptMode: z.enum(['realtime', 'none']).default('realtime'),
  maxMessagesPerSecond: z.number().positive().default(10_000),
});
export type SimulatorDriverConfig = z.infer<typeof SimulatorDriverConfig>;
export type SimulatorDriverConfigInput = z.input<typeof SimulatorDriverConfig>;
