import { CreateCampaignRequest, StartCampaignRequest, UpdateCampaignRequest } from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { CampaignsService } from './campaigns.service.js';

const ID = new ParseUUIDPipe();

@ApiTags('campaigns')
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOperation({ summary: 'Campaigns, newest first, with their live statistics' })
  list(@Auth() auth: AuthContext) {
    return this.campaigns.list(auth);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a campaign (draft): recipients from groups, contacts and pasted numbers; a text with placeholders',
  })
  @ApiZodBody(CreateCampaignRequest, {
    name: 'ნოემბრის შეთავაზება',
    sender: 'Mtredi',
    text: 'გამარჯობა {first_name}! -20% ყველაფერზე.',
    recipients: { groupIds: [], contactIds: [], numbers: ['599123456'] },
    options: { optOut: true },
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(CreateCampaignRequest)) body: z.output<typeof CreateCampaignRequest>,
  ) {
    return this.campaigns.create(auth, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign with its totals and statistics (sent, delivered, rate, time to deliver)' })
  get(@Auth() auth: AuthContext, @Param('id', ID) id: string) {
    return this.campaigns.get(auth, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft' })
  @ApiZodBody(UpdateCampaignRequest)
  update(
    @Auth() auth: AuthContext,
    @Param('id', ID) id: string,
    @Body(new ZodPipe(UpdateCampaignRequest)) body: z.output<typeof UpdateCampaignRequest>,
  ) {
    return this.campaigns.update(auth, id, body);
  }

  @Post(':id/estimate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recipients after de-duplication and the stop list, parts, cost and the credit check — before confirming',
  })
  estimate(@Auth() auth: AuthContext, @Param('id', ID) id: string) {
    return this.campaigns.estimate(auth, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm and start now, or schedule for a time' })
  @ApiZodBody(StartCampaignRequest, { at: '2026-12-01T10:00:00+04:00' })
  start(
    @Auth() auth: AuthContext,
    @Param('id', ID) id: string,
    @Body(new ZodPipe(StartCampaignRequest)) body: z.output<typeof StartCampaignRequest>,
  ) {
    return this.campaigns.start(auth, id, body.at ? new Date(body.at) : undefined);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause sending' })
  pause(@Auth() auth: AuthContext, @Param('id', ID) id: string) {
    return this.campaigns.pause(auth, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume sending' })
  resume(@Auth() auth: AuthContext, @Param('id', ID) id: string) {
    return this.campaigns.resume(auth, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: unsent messages are cancelled and their reserved credit returned' })
  cancel(@Auth() auth: AuthContext, @Param('id', ID) id: string) {
    return this.campaigns.cancel(auth, id);
  }
}
