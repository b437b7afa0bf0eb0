import { DraftContent, TemplateInput, TemplatePreviewRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@Controller('v1')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get('templates')
  @ApiOperation({ summary: 'Message templates with placeholders ({first_name}, {last_name}, custom fields)' })
  list(@Auth() auth: AuthContext) {
    return this.templates.list(auth);
  }

  @Post('templates')
  @ApiOperation({ summary: 'Create a template' })
  @ApiZodBody(TemplateInput, { name: 'შეხსენება', body: 'გამარჯობა {first_name}, ვიზიტი ხვალ 10:00-ზე.' })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(TemplateInput)) body: z.output<typeof TemplateInput>) {
    return this.templates.create(auth, body);
  }

  @Put('templates/:id')
  @ApiOperation({ summary: 'Change a template' })
  @ApiZodBody(TemplateInput)
  update(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(TemplateInput)) body: z.output<typeof TemplateInput>,
  ) {
    return this.templates.update(auth, id, body);
  }

  @Delete('templates/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a template' })
  remove(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.templates.remove(auth, id);
  }

  @Post('templates/:id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The filled text for one contact, its cost, and the placeholders it cannot fill' })
  @ApiZodBody(TemplatePreviewRequest)
  preview(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(TemplatePreviewRequest)) body: z.output<typeof TemplatePreviewRequest>,
  ) {
    return this.templates.preview(auth, id, body.contactId, body.missing, body.fallback);
  }

  @Get('drafts')
  @ApiOperation({ summary: 'Saved drafts, newest first' })
  drafts(@Auth() auth: AuthContext) {
    return this.templates.drafts(auth);
  }

  @Post('drafts')
  @ApiOperation({ summary: 'Save a new draft' })
  @ApiZodBody(DraftContent)
  createDraft(@Auth() auth: AuthContext, @Body(new ZodPipe(DraftContent)) body: z.output<typeof DraftContent>) {
    return this.templates.saveDraft(auth, null, body);
  }

  @Put('drafts/:id')
  @ApiOperation({ summary: 'Save a draft while composing (creates it with this id if it does not exist)' })
  @ApiZodBody(DraftContent)
  saveDraft(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(DraftContent)) body: z.output<typeof DraftContent>,
  ) {
    return this.templates.saveDraft(auth, id, body);
  }

  @Delete('drafts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft' })
  deleteDraft(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.templates.deleteDraft(auth, id);
  }
}
