import { PublishNoticeRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { NoticesService } from './notices.service.js';

@ApiTags('notices')
@Controller('v1')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get('notices')
  @ApiOperation({ summary: 'Service notices every customer sees (re-authorization demands, channel conditions)' })
  active() {
    return this.notices.active();
  }

  @Post('admin/notices')
  @RequireRole('staff')
  @ApiOperation({ summary: 'Publish a notice to every customer' })
  @ApiZodBody(PublishNoticeRequest)
  publish(
    @Auth() staff: AuthContext,
    @Body(new ZodPipe(PublishNoticeRequest)) body: z.output<typeof PublishNoticeRequest>,
  ) {
    return this.notices.publish(staff, body);
  }

  @Delete('admin/notices/:id')
  @HttpCode(204)
  @RequireRole('staff')
  @ApiOperation({ summary: 'Withdraw a notice' })
  withdraw(@Auth() staff: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.notices.withdraw(staff, id);
  }
}
