import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { MESSAGES_QUEUE, messageIdsOf, SUBMIT_JOB, SubmitJob } from '../../jobs/message-jobs.js';
import { DispatchService } from './dispatch.service.js';

/** Translates a queue job (one message, or a batch accepted together) into one dispatch call. */
@Processor(MESSAGES_QUEUE)
export class SubmitProcessor {
  constructor(private readonly dispatcher: DispatchService) {}

  @Process({ name: SUBMIT_JOB, concurrency: 16 })
  async handle(job: Job<unknown>) {
    await this.dispatcher.dispatchMany(messageIdsOf(SubmitJob.parse(job.data)));
  }
}
