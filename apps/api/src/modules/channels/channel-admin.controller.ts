import { CreateChannelRequest, OperatorCode, SetRouteRequest, UpdateChannelRequest } from '@mtredi/api-contract';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { ChannelAdminService } from './channel-admin.service.js';

@ApiTags('admin: channels')
@Controller('v1/admin')
@RequireRole('staff')
export class ChannelAdminController {
  constructor(private readonly channels: ChannelAdminService) {}

  @Get('drivers')
  @ApiOperation({ summary: 'Loaded channel drivers with the JSON schema of their settings (for the channel form)' })
  drivers() {
    return this.channels.drivers();
  }

  @Get('channels')
  @ApiOperation({ summary: 'Channels with live health and the queue depth' })
  list() {
    return this.channels.list();
  }

  @Post('channels')
  @ApiOperation({ summary: 'Add a channel' })
  @ApiZodBody(CreateChannelRequest, {
    name: 'Magti direct',
    driver: 'smpp',
    config: { host: '127.0.0.1', port: 2775, systemId: 'mtredi', password: 'secret' },
  })
  async create(
    @Auth() staff: AuthContext,
    @Body(new ZodPipe(CreateChannelRequest)) body: z.output<typeof CreateChannelRequest>,
  ) {
    return { id: await this.channels.create(staff, body) };
  }

  @Patch('channels/:id')
  @ApiOperation({ summary: 'Change, enable or disable a channel; secret settings left masked keep their value' })
  @ApiZodBody(UpdateChannelRequest, { enabled: false })
  async update(
    @Auth() staff: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(UpdateChannelRequest)) body: z.output<typeof UpdateChannelRequest>,
  ) {
    await this.channels.update(staff, id, body);
    return { id };
  }

  @Get('routes')
  @ApiOperation({ summary: "Each operator's channels in routing order" })
  routes() {
    return this.channels.routes();
  }

  @Put('routes/:operator')
  @ApiOperation({ summary: "Set an operator's channels in routing order (direct first, reserve next)" })
  @ApiZodBody(SetRouteRequest)
  setRoute(
    @Auth() staff: AuthContext,
    @Param('operator', new ZodPipe(OperatorCode)) operator: z.output<typeof OperatorCode>,
    @Body(new ZodPipe(SetRouteRequest)) body: z.output<typeof SetRouteRequest>,
  ) {
    return this.channels.setRoute(staff, operator, body.channelIds);
  }
}
