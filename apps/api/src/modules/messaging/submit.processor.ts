import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { logJobFailure } from '../../jobs/job-failures.js';
import { MESSAGES_QUEUE, messageIdsOf, SUBMIT_JOB, SubmitJob } from '../../jobs/message-jobs.js';
import { DispatchService } from './dispatch.service.js';

/** Translates a queue job (one message, or a batch accepted together) into one dispatch call. */
@Processor(MESSAGES_QUEUE)
export class SubmitProcessor {
  private readonly logger = new Logger(SubmitProcessor.name);

  constructor(private readonly dispatcher: DispatchService) {}

  @Process({ name: SUBMIT_JOB, concurrency: 16 })
  async handle(job: Job<unknown>) {
    await this.dispatcher.dispatchMany(messageIdsOf(SubmitJob.parse(job.data)));
  }

  @OnQueueFailed()
  failed(job: Job<unknown>, error: Error) {
    logJobFailure(this.logger, job, error);
  }
}
