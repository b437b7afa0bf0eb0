import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedRequest, Public } from '../../common/auth/auth-context.js';
import { CompatService, type Params } from './compat.service.js';
import { CompatExceptionFilter } from './compat-exception.filter.js';
import { CompatKeyGuard } from './compat-key.guard.js';

const SEND_DESCRIPTION = `
Shaped like smsoffice.ge's \`/api/v2/send/\`, so its integrations switch by changing the host. GET with query
parameters, or POST with \`application/x-www-form-urlencoded\` (the path may end with \`send/\`). \`key\` is a
Mtredi API key. Answers HTTP 200 with \`{Success, Message, Output, ErrorCode}\`; \`Output\` lists the accepted
messages (\`Messages\`) and the refused numbers with their codes (\`Refused\`).

ErrorCode: 0 accepted; 10 non-Georgian number; 20 balance insufficient; 40 text too long; 60 content empty;
70 destination empty; 75 all numbers on the stop list; 76 all numbers invalid; 77 stop list or invalid;
80 key not valid; 110 sender malformed; 120 organization not verified or suspended; 150 sender not registered
or not authorized for the number's operator; 500/600/700/800 key/destination/sender/content missing;
−100 temporary, try again; 900 unsupported parameter (e.g. a future \`scheduledAt\`).
`.trim();

const SEND_PARAMS = ['key', 'destination', 'sender', 'content', 'urgent', 'reference'];

/** Documents smsoffice's parameter names in OpenAPI. */
function ApiParams(names: string[]) {
  const decorators = names.map((name) => ApiQuery({ name, required: false, type: String }));
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };
}

/** The path must end at the route, with or without one trailing slash (`send/`, as smsoffice asks for). */
function assertTrailingSlashOnly(rest: string | undefined): void {
  if (rest) throw new NotFoundException();
}

@ApiTags('smsoffice.ge compatible')
@Public()
@UseGuards(CompatKeyGuard)
@UseFilters(CompatExceptionFilter)
@Controller('api')
export class CompatController {
  constructor(private readonly compat: CompatService) {}

  @Get('v2/send')
  @ApiOperation({ summary: 'Send to one or more numbers, smsoffice.ge style', description: SEND_DESCRIPTION })
  @ApiParams(SEND_PARAMS)
  sendByGet(@Req() req: AuthenticatedRequest, @Query() query: Params) {
    return this.compat.send(query, req.auth);
  }

  @Post('v2/send')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send, smsoffice.ge style (form-encoded POST)', description: SEND_DESCRIPTION })
  @ApiParams(SEND_PARAMS)
  sendByPost(@Req() req: AuthenticatedRequest, @Query() query: Params, @Body() body: Params | undefined) {
    return this.compat.send({ ...query, ...(body ?? {}) }, req.auth);
  }

  @Get('v2/send/*')
  @ApiExcludeEndpoint()
  sendByGetSlash(@Req() req: AuthenticatedRequest, @Param('*') rest: string, @Query() query: Params) {
    assertTrailingSlashOnly(rest);
    return this.compat.send(query, req.auth);
  }

  @Post('v2/send/*')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  sendByPostSlash(
    @Req() req: AuthenticatedRequest,
    @Param('*') rest: string,
    @Query() query: Params,
    @Body() body: Params | undefined,
  ) {
    assertTrailingSlashOnly(rest);
    return this.compat.send({ ...query, ...(body ?? {}) }, req.auth);
  }

  @Get('getBalance')
  @ApiOperation({
    summary: 'Credits left as a bare integer (text/plain), smsoffice.ge style',
    description: 'A missing or wrong key is answered with the JSON envelope (ErrorCode 500 or 80).',
  })
  @ApiParams(['key'])
  balance(@Req() req: AuthenticatedRequest, @Query() query: Params, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.balanceReply(req, query, reply);
  }

  @Get(['getBalance/*', 'v2/getBalance', 'v2/getBalance/*'])
  @ApiExcludeEndpoint()
  balanceAlias(
    @Req() req: AuthenticatedRequest,
    @Param('*') rest: string | undefined,
    @Query() query: Params,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertTrailingSlashOnly(rest);
    return this.balanceReply(req, query, reply);
  }

  @Get('v2/getMessageStatus')
  @ApiOperation({
    summary: 'Status of the newest message to a number with a reference, smsoffice.ge style',
    description:
      'Output.Status is Pending (queued or in transit), Delivered, Undelivered, Expired, Rejected or Failed; ' +
      'Output.State is the Mtredi status. Without `reference`, the newest message to the number. ' +
      'ErrorCode 404: no such message.',
  })
  @ApiParams(['key', 'destination', 'reference'])
  status(@Req() req: AuthenticatedRequest, @Query() query: Params) {
    return this.compat.status(query, req.auth);
  }

  @Get('v2/getMessageStatus/*')
  @ApiExcludeEndpoint()
  statusSlash(@Req() req: AuthenticatedRequest, @Param('*') rest: string, @Query() query: Params) {
    assertTrailingSlashOnly(rest);
    return this.compat.status(query, req.auth);
  }

  private async balanceReply(req: AuthenticatedRequest, query: Params, reply: FastifyReply) {
    const balance = await this.compat.balance(query, req.auth);
    if (typeof balance !== 'number') return balance;
    void reply.type('text/plain; charset=utf-8');
    return String(balance);
  }
}
