import {
  GeorgianMobile,
  OperatorCode,
  ReplaceGenericNamesRequest,
  ReplacePrefixesRequest,
  SetPortedNumbersRequest,
} from '@mtredi/api-contract';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { StaffOperatorsService } from './staff-operators.service.js';

@ApiTags('admin: operators')
@Controller('v1/admin')
@RequireRole('staff')
export class StaffOperatorsController {
  constructor(private readonly operators: StaffOperatorsService) {}

  @Get('operators/prefixes')
  @ApiOperation({ summary: 'Number blocks per operator' })
  prefixes() {
    return this.operators.prefixes();
  }

  @Put('operators/:operator/prefixes')
  @ApiOperation({ summary: "Replace one operator's number blocks" })
  @ApiZodBody(ReplacePrefixesRequest, { prefixes: ['995591', '995595'] })
  replacePrefixes(
    @Auth() staff: AuthContext,
    @Param('operator', new ZodPipe(OperatorCode)) operator: z.output<typeof OperatorCode>,
    @Body(new ZodPipe(ReplacePrefixesRequest)) body: z.output<typeof ReplacePrefixesRequest>,
  ) {
    return this.operators.replacePrefixes(staff, operator, body.prefixes);
  }

  @Get('ported-numbers')
  @ApiOperation({ summary: 'Numbers that moved to another operator (they override the blocks)' })
  portedNumbers() {
    return this.operators.portedNumbers();
  }

  @Put('ported-numbers')
  @ApiOperation({ summary: 'Add or change ported numbers' })
  @ApiZodBody(SetPortedNumbersRequest, { items: [{ number: '+995599123456', operator: 'cellfie' }] })
  setPortedNumbers(
    @Auth() staff: AuthContext,
    @Body(new ZodPipe(SetPortedNumbersRequest)) body: z.output<typeof SetPortedNumbersRequest>,
  ) {
    const items = body.items.map((item) => ({ operator: item.operator, number: GeorgianMobile.parse(item.number) }));
    return this.operators.setPortedNumbers(staff, items);
  }

  @Get('generic-sender-names')
  @ApiOperation({ summary: 'Words refused as sender names' })
  genericNames() {
    return this.operators.genericNames();
  }

  @Put('generic-sender-names')
  @ApiOperation({ summary: 'Replace the list of words refused as sender names' })
  @ApiZodBody(ReplaceGenericNamesRequest, { items: ['Fasdakleba', 'Kuradgeba', 'Info', 'SMS', 'Sale'] })
  replaceGenericNames(
    @Auth() staff: AuthContext,
    @Body(new ZodPipe(ReplaceGenericNamesRequest)) body: z.output<typeof ReplaceGenericNamesRequest>,
  ) {
    return this.operators.replaceGenericNames(staff, body.items);
  }
}
