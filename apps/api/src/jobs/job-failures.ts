import type { Logger } from '@nestjs/common';
import type { Job } from 'bull';

/**
 * A failed job's trace in the log. The queues drop failed jobs (removeOnFail) and the sweeper and the
 * scheduler pick their work up again, so without this line a failure would leave no trace but a delay.
 */
export function logJobFailure(logger: Logger, job: Job<unknown>, error: Error): void {
  logger.error(`Job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}): ${error.stack ?? error.message}`);
}
