import { RequestSenderName } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { SendersService } from './senders.service.js';

@ApiTags('senders')
@Controller('v1/senders')
export class SendersController {
  constructor(private readonly senders: SendersService) {}

  @Get()
  @ApiOperation({ summary: "The organization's sender names with each operator's authorization status" })
  list(@Auth() auth: AuthContext) {
    return this.senders.list(auth);
  }

  @Post()
  @ApiOperation({
    summary: 'Request a sender name (3–11 characters, matching your company name or web site); operators authorize it',
  })
  @ApiZodBody(RequestSenderName, { name: 'TDC' })
  request(@Auth() auth: AuthContext, @Body(new ZodPipe(RequestSenderName)) body: z.output<typeof RequestSenderName>) {
    return this.senders.request(auth, body.name);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every authorization change of a sender name: who, when, why' })
  history(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.senders.history(auth, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a sender name you no longer need' })
  remove(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.senders.remove(auth, id);
  }
}
