import { CreateWebhookRequest, ListDeliveriesQuery, UpdateWebhookRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { WebhooksService } from './webhooks.service.js';

const DELIVERY_DESCRIPTION = `
Every status change of a message (queued, in_transit, delivered, undelivered, expired, rejected, failed) is sent
to each enabled webhook that subscribes to that status (\`events\`; all when left out).

**Format \`mtredi\`** (default): \`POST\` with \`Content-Type: application/json\` and the body
\`{"version":1,"type":"message.status","id":"<event id>","createdAt":"…","test":false,
"data":{"messageId":"…","reference":"…","to":"+995…","status":"delivered","errorCode":null,"at":"…"}}\`.
Headers: \`Mtredi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>\`, \`Mtredi-Event-Id\`, \`Mtredi-Delivery-Id\`,
\`Mtredi-Delivery-Attempt\`.

**Verifying the signature**: take \`t\` and \`v1\` from the header; compute HMAC-SHA256 with the webhook's secret
over the string \`t + "." + <raw request body>\` (the bytes as received, before any JSON parsing) and compare its
hex digest with \`v1\` in constant time; refuse timestamps older than 5 minutes to stop replays. In Node.js:

\`\`\`js
const [t, v1] = header.split(',').map((kv) => kv.split('=')[1]);
const mac = crypto.createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
const ok = crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(v1)) && Date.now() / 1000 - Number(t) < 300;
\`\`\`

**Format \`smsoffice\`**: smsoffice.ge's status callback. \`GET <url>?reference=…&status=Delivered&reason=…
&destination=995…&timestamp=yyyyMMddHHmmss&operator=28202\` (Tbilisi time; operator as MCC+MNC); the endpoint must
answer the text \`OK\`. Sent only for messages that have a reference; by default only final statuses. The
signature header covers \`t + "." + <the query parameters added>\`. Keep your own secret parameter in the URL if
your endpoint already checks one.

**Delivery**: an answer 2xx (and \`OK\` for \`smsoffice\`) within 10 s counts as delivered; anything else is
retried with exponential backoff (30 s, 1 min, 2 min… at most 2 h apart) for 24 hours, then marked failed.
Retries repeat the event \`id\`, so drop events you have already seen; order events by \`data.at\`.
`.trim();

@ApiTags('webhooks')
@Controller('v1/webhooks')
@RequireRole('owner', 'member', 'integrator')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: "The organization's webhooks (secrets are never shown again)" })
  list(@Auth() auth: AuthContext) {
    return this.webhooks.list(auth);
  }

  @Post()
  @ApiOperation({
    summary: 'Register a webhook for message status changes; the answer holds its signing secret, shown this once',
    description: DELIVERY_DESCRIPTION,
  })
  @ApiZodBody(CreateWebhookRequest, {
    url: 'https://shop.example.ge/sms/status',
    description: 'Order notifications',
    events: ['delivered', 'undelivered', 'expired', 'rejected', 'failed'],
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(CreateWebhookRequest)) body: z.output<typeof CreateWebhookRequest>,
  ) {
    return this.webhooks.create(auth, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook (URL, description, statuses, format, enabled)' })
  @ApiZodBody(UpdateWebhookRequest, { enabled: false })
  update(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(UpdateWebhookRequest)) body: z.output<typeof UpdateWebhookRequest>,
  ) {
    return this.webhooks.update(auth, id, body);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the signing secret; the answer holds the new one, shown this once' })
  rotateSecret(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.webhooks.rotateSecret(auth, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook and its delivery log; nothing more is sent to it' })
  remove(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.webhooks.remove(auth, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'Delivery log, newest first: event, attempts, last HTTP status, next retry, delivered at',
  })
  @ApiZodQuery(ListDeliveriesQuery)
  deliveries(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodPipe(ListDeliveriesQuery)) query: z.output<typeof ListDeliveriesQuery>,
  ) {
    return this.webhooks.deliveries(auth, id, query);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test event now (marked "test": true) and answer with the outcome; tests are not retried',
  })
  test(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.webhooks.sendTest(auth, id);
  }
}
