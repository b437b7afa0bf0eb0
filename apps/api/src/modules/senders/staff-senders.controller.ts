import {
  DemandReauthorizationRequest,
  ExportBatchRequest,
  OperatorCode,
  OverrideMatchRequest,
  RecordDecisionsRequest,
  RevokeRequest,
  SenderQueueQuery,
} from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { StaffSendersService } from './staff-senders.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('admin: senders')
@Controller('v1/admin/senders')
@RequireRole('staff')
export class StaffSendersController {
  constructor(private readonly staff: StaffSendersService) {}

  @Get()
  @ApiOperation({ summary: 'Sender names by authorization state (default: requested), optionally for one operator' })
  @ApiZodQuery(SenderQueueQuery)
  queue(@Query(new ZodPipe(SenderQueueQuery)) query: z.output<typeof SenderQueueQuery>) {
    return this.staff.queue(query.state, query.operator);
  }

  @Post(':id/override')
  @ApiOperation({ summary: 'Accept a name that does not match its company, with a recorded reason' })
  @ApiZodBody(OverrideMatchRequest)
  override(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(OverrideMatchRequest)) body: z.output<typeof OverrideMatchRequest>,
  ) {
    return this.staff.overrideMatch(auth, id, body.reason);
  }

  @Post('batches')
  @HttpCode(200)
  @ApiOperation({ summary: "Export the names waiting for one operator as an Excel batch; they become 'submitted'" })
  @ApiZodBody(ExportBatchRequest, { operator: 'magti' })
  @ApiProduces(XLSX)
  async exportBatch(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(ExportBatchRequest)) body: z.output<typeof ExportBatchRequest>,
    @Res() reply: FastifyReply,
  ) {
    const { workbook, count } = await this.staff.exportBatch(auth, body.operator);
    await reply
      .header('Content-Type', XLSX)
      .header('Content-Disposition', `attachment; filename="sender-names-${body.operator}.xlsx"`)
      .header('X-Batch-Count', String(count))
      .send(workbook);
  }

  @Post('decisions')
  @ApiOperation({ summary: "Record an operator's decisions in bulk; each one succeeds or fails on its own" })
  @ApiZodBody(RecordDecisionsRequest)
  decisions(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(RecordDecisionsRequest)) body: z.output<typeof RecordDecisionsRequest>,
  ) {
    return this.staff.recordDecisions(auth, body.operator, body.decisions);
  }

  @Post('decisions/import')
  @ApiOperation({ summary: "Import the operator's answer: the exported batch with the Decision column filled in" })
  @ApiConsumes(XLSX)
  importDecisions(
    @Auth() auth: AuthContext,
    @Query('operator', new ZodPipe(OperatorCode)) operator: z.output<typeof OperatorCode>,
    @Body() file: unknown,
  ) {
    if (!Buffer.isBuffer(file)) {
      throw new DomainError(
        'validation/malformed_request',
        `Send the workbook as the request body with Content-Type ${XLSX}`,
        415,
      );
    }
    return this.staff.importDecisions(auth, operator, file);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke an active name for one operator' })
  @ApiZodBody(RevokeRequest)
  revoke(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RevokeRequest)) body: z.output<typeof RevokeRequest>,
  ) {
    return this.staff.revoke(auth, id, body.operator, body.reason);
  }

  @Post('reauthorization')
  @ApiOperation({
    summary:
      'Operators demand re-authorization: every active name waits for its operator again; customers see the notice',
  })
  @ApiZodBody(DemandReauthorizationRequest)
  demandReauthorization(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(DemandReauthorizationRequest)) body: z.output<typeof DemandReauthorizationRequest>,
  ) {
    return this.staff.demandReauthorization(auth, body.reason, body.noticeKa, body.noticeEn);
  }
}
