import { AddStopRequest, GeorgianMobile, RemoveStopRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { StopListService } from './stop-list.service.js';

@ApiTags('stop list')
@Controller('v1/stop-list')
export class StopListController {
  constructor(private readonly stopList: StopListService) {}

  @Get()
  @ApiOperation({ summary: 'Numbers that opted out (STOP replies) or were blocked; they are never messaged' })
  list(@Auth() auth: AuthContext, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    return this.stopList.list(auth, Math.min(Number(limit) || 100, 500), Number(offset) || 0);
  }

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Block a number' })
  @ApiZodBody(AddStopRequest, { phone: '599123456', reason: 'asked by phone' })
  add(@Auth() auth: AuthContext, @Body(new ZodPipe(AddStopRequest)) body: z.output<typeof AddStopRequest>) {
    return this.stopList.add(auth, body.phone, body.reason ?? null);
  }

  @Delete(':phone')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock a number: needs a reason (new consent) and is audited' })
  @ApiZodBody(RemoveStopRequest)
  remove(
    @Auth() auth: AuthContext,
    @Param('phone', new ZodPipe(GeorgianMobile)) phone: string,
    @Body(new ZodPipe(RemoveStopRequest)) body: z.output<typeof RemoveStopRequest>,
  ) {
    return this.stopList.remove(auth, phone, body.reason);
  }
}
