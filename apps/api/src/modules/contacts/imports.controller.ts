import { StartImportRequest } from '@mtredi/api-contract';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { ImportService } from './import.service.js';

@ApiTags('contacts')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @ApiOperation({
    summary: 'Upload an .xlsx or .csv (raw body); answers the detected header row, column mapping and first rows',
  })
  @ApiConsumes(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
    'application/octet-stream',
  )
  @ApiQuery({ name: 'fileName', required: false })
  upload(@Auth() auth: AuthContext, @Body() file: unknown, @Query('fileName') fileName?: string) {
    if (!Buffer.isBuffer(file) || file.length === 0) {
      throw new DomainError(
        'import/empty',
        'Send the file as the request body (Content-Type: the spreadsheet type or text/csv)',
        400,
      );
    }
    return this.imports.upload(auth, (fileName ?? 'upload').slice(0, 200), file);
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'Run the import with the chosen header row, column mapping and target group' })
  @ApiZodBody(StartImportRequest, { headerRow: 1, mapping: { '0': 'phone', '1': 'first_name', '2': 'last_name' } })
  start(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(StartImportRequest)) body: z.output<typeof StartImportRequest>,
  ) {
    return this.imports.start(auth, id, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and report: rows read, imported, updated, duplicates merged, invalid' })
  status(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.imports.status(auth, id);
  }

  @Get(':id/errors.xlsx')
  @ApiOperation({ summary: 'The rejected rows with the reason for each, as an Excel file' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async errors(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    const file = await this.imports.errorReport(auth, id);
    await reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', 'attachment; filename="import-errors.xlsx"')
      .send(file);
  }
}
