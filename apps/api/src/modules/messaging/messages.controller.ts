import { AnalyzeRequest, ListMessagesQuery, SendMessageRequest, type ValidSendMessage } from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { MessagesService } from './messages.service.js';
import { analyzeText } from './text-analysis.js';

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @ApiOperation({ summary: 'Send one SMS; answers once it is stored and its credit reserved' })
  @ApiZodBody(SendMessageRequest, { to: '+995599123456', sender: 'Mtredi', text: 'გამარჯობა!', reference: 'order-42' })
  send(@Auth() auth: AuthContext, @Body(new ZodPipe(SendMessageRequest)) body: ValidSendMessage) {
    return this.messages.send(auth, body);
  }

  @Post('analyze')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Encoding, characters, parts and cost of a text, and what transliteration or look-alike replacement would save',
  })
  @ApiZodBody(AnalyzeRequest, { text: 'გამარჯობა — ეს ტესტია', replaceLookalikes: true })
  analyze(@Body(new ZodPipe(AnalyzeRequest)) body: AnalyzeRequest) {
    return analyzeText(body.text, body);
  }

  @Get()
  @ApiOperation({ summary: 'Messages, newest first' })
  @ApiZodQuery(ListMessagesQuery)
  list(@Auth() auth: AuthContext, @Query(new ZodPipe(ListMessagesQuery)) query: z.output<typeof ListMessagesQuery>) {
    return this.messages.list(auth, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message with its status history' })
  get(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.messages.get(auth, id);
  }
}
