import { LedgerQuery, RequestTopUp } from '@mtredi/api-contract';
import { Body, Controller, Get, Header, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { BillingService } from './billing.service.js';
import { LedgerService } from './ledger.service.js';

@ApiTags('billing')
@Controller('v1')
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly ledger: LedgerService,
  ) {}

  @Get('balance')
  @ApiOperation({ summary: 'Credit in SMS parts: available to send, and reserved for accepted messages' })
  balance(@Auth() auth: AuthContext) {
    return this.billing.balance(auth);
  }

  @Get('packages')
  @ApiOperation({ summary: 'Credit packages with their price per SMS; the bigger the package, the lower the price' })
  packages() {
    return this.billing.packages();
  }

  @Post('top-ups')
  @ApiOperation({ summary: 'Request a package: pay quoting the reference; credit is added when staff confirm' })
  @ApiZodBody(RequestTopUp)
  requestTopUp(@Auth() auth: AuthContext, @Body(new ZodPipe(RequestTopUp)) body: z.output<typeof RequestTopUp>) {
    return this.billing.requestTopUp(auth, body.packageId);
  }

  @Get('top-ups')
  @ApiOperation({ summary: "The organization's top-up requests" })
  topUps(@Auth() auth: AuthContext) {
    return this.billing.topUps(auth);
  }

  @Get('ledger')
  @ApiOperation({ summary: 'Every credit posting of the organization, newest first' })
  @ApiZodQuery(LedgerQuery)
  history(@Auth() auth: AuthContext, @Query(new ZodPipe(LedgerQuery)) query: z.output<typeof LedgerQuery>) {
    return this.ledger.page(auth, query);
  }

  @Get('ledger/export.xlsx')
  @ApiOperation({ summary: 'The ledger history (same filters) as an Excel file' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', 'attachment; filename="mtredi-ledger.xlsx"')
  @ApiZodQuery(LedgerQuery)
  async export(
    @Auth() auth: AuthContext,
    @Query(new ZodPipe(LedgerQuery)) query: z.output<typeof LedgerQuery>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await reply.send(await this.ledger.exportXlsx(auth, query));
  }
}
