import {
  AnalyzeRequest,
  AnalyzeRouteAnswer,
  ListMessagesQuery,
  SendBatchRequest,
  SendMessageRequest,
  type ValidSendMessage,
} from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ZodPipe } from '../../common/zod.js';
import { BatchSendService } from './batch-send.service.js';
import { MessageExportService } from './message-export.service.js';
import { MessagesService } from './messages.service.js';

/** A refused route as the analyze answer gives it (text analysis fields shortened to the main ones). */
const ANALYZE_ROUTE_EXAMPLE = {
  text: 'გამარჯობა '.repeat(40),
  encoding: 'ucs2',
  characters: 400,
  units: 400,
  parts: 6,
  cost: 6,
  route: {
    operator: 'magti',
    plan: 'impossible',
    channel: null,
    role: null,
    refusals: [
      {
        code: 'routing/too_long',
        channel: 'Reserve aggregator',
        message: 'Reserve aggregator carries at most 320 characters in this encoding',
        limit: 320,
        characters: 400,
        encoding: 'ucs2',
      },
    ],
    warnings: ['Reserve aggregator carries at most 320 characters in this encoding'],
  },
};

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly batches: BatchSendService,
    private readonly exporter: MessageExportService,
  ) {}

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
      'Encoding, characters, parts and cost of a text, what transliteration or look-alike replacement would save and, with `to`, the route it would take now',
  })
  @ApiZodBody(AnalyzeRequest, { text: 'გამარჯობა — ეს ტესტია', replaceLookalikes: true, to: '599123456' })
  @ApiZodResponse(AnalyzeRouteAnswer.loose(), {
    description:
      'The text analysis (text, encoding, characters, units, parts, unitsPerPart, unitsLeftInLastPart, ' +
      'ucs2Forcers, cost, replacements, savings) and, with `to`, the route: here a 400-character Georgian ' +
      'text that the only channel of the route, limited to 320, refuses',
    example: ANALYZE_ROUTE_EXAMPLE,
  })
  analyze(@Auth() auth: AuthContext, @Body(new ZodPipe(AnalyzeRequest)) body: z.output<typeof AnalyzeRequest>) {
    return this.messages.analyze(auth, body);
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send up to 10,000 messages; each is accepted or refused on its own, with a reason' })
  @ApiZodBody(SendBatchRequest, {
    messages: [
      { to: '599123456', sender: 'Mtredi', text: 'გამარჯობა ნინო', reference: 'o-1' },
      { to: '555123456', sender: 'Mtredi', text: 'გამარჯობა გიორგი', reference: 'o-2' },
    ],
  })
  batch(@Auth() auth: AuthContext, @Body(new ZodPipe(SendBatchRequest)) body: z.output<typeof SendBatchRequest>) {
    return this.batches.send(auth, body, body.urgent ?? false);
  }

  @Get('export.xlsx')
  @ApiOperation({ summary: 'The messages a search finds (same filters as the list), as an Excel file' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiZodQuery(ListMessagesQuery)
  async export(
    @Auth() auth: AuthContext,
    @Query(new ZodPipe(ListMessagesQuery)) query: z.output<typeof ListMessagesQuery>,
    @Res() reply: FastifyReply,
  ) {
    await reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', 'attachment; filename="mtredi-messages.xlsx"')
      .send(this.exporter.export(auth, query));
  }

  @Get('by-reference/:reference')
  @ApiOperation({ summary: 'A message by your own reference (the newest with it), with its status history' })
  byReference(@Auth() auth: AuthContext, @Param('reference') reference: string) {
    return this.messages.byReference(auth, reference);
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
