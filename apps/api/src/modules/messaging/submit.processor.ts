import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { MESSAGES_QUEUE, SUBMIT_JOB, SubmitJob } from '../../jobs/message-jobs.js';
import { DispatchService } from './dispatch.service.js';

/** Translates a queue job into one dispatch call. */
@Processor(MESSAGES_QUEUE)
export class SubmitProcessor {
  constructor(private readonly dispatcher: DispatchService) {}

  @Process({ name: SUBMIT_JOB, concurrency: 50 })
  handle(job: Job<unknown>) {
    return this.dispatcher.dispatch(SubmitJob.parse(job.data).messageId);
  }
}
