import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { DELIVER_JOB, DeliverJob, WEBHOOKS_QUEUE } from './webhook-jobs.js';

/** Translates a queue job into one delivery attempt. */
@Processor(WEBHOOKS_QUEUE)
export class WebhookProcessor {
  constructor(private readonly deliverer: WebhookDeliverer) {}

  @Process({ name: DELIVER_JOB, concurrency: 20 })
  async handle(job: Job<unknown>) {
    const { deliveryId, attempt } = DeliverJob.parse(job.data);
    await this.deliverer.attempt(deliveryId, attempt);
  }
}
