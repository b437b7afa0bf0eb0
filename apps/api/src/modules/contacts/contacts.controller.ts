import { BulkContactsRequest, ContactInput, ContactPatch, ContactQuery, GroupInput } from '@mtredi/api-contract';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { ContactExportService } from './contact-export.service.js';
import { ContactsService } from './contacts.service.js';
import { GroupsService } from './groups.service.js';

@ApiTags('contacts')
@Controller('v1')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly groups: GroupsService,
    private readonly exporter: ContactExportService,
  ) {}

  @Get('contacts')
  @ApiOperation({ summary: 'Contacts, paged; search by number fragment or name, filter by group' })
  @ApiZodQuery(ContactQuery)
  page(@Auth() auth: AuthContext, @Query(new ZodPipe(ContactQuery)) query: z.output<typeof ContactQuery>) {
    return this.contacts.page(auth, query);
  }

  @Get('contacts/export.xlsx')
  @ApiOperation({ summary: 'Contacts (all, a group or a search) as an Excel file that imports back unchanged' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiQuery({ name: 'language', required: false, enum: ['ka', 'en'] })
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', 'attachment; filename="mtredi-contacts.xlsx"')
  async export(
    @Auth() auth: AuthContext,
    @Query(new ZodPipe(ContactQuery)) query: z.output<typeof ContactQuery>,
    @Query('language') language: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    await reply.send(this.exporter.export(auth, query, language === 'en' ? 'en' : 'ka'));
  }

  @Get('contacts/:id')
  @ApiOperation({ summary: 'One contact' })
  get(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.contacts.get(auth, id);
  }

  @Post('contacts')
  @ApiOperation({ summary: 'Add a contact' })
  @ApiZodBody(ContactInput, {
    phone: '599 12 34 56',
    firstName: 'ნინო',
    lastName: 'ბერიძე',
    fields: { city: 'თბილისი' },
  })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(ContactInput)) body: z.output<typeof ContactInput>) {
    return this.contacts.create(auth, body);
  }

  @Patch('contacts/:id')
  @ApiOperation({ summary: 'Change a contact (groupIds replaces its groups)' })
  @ApiZodBody(ContactPatch)
  update(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(ContactPatch)) body: z.output<typeof ContactPatch>,
  ) {
    return this.contacts.update(auth, id, body);
  }

  @Delete('contacts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a contact' })
  remove(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.contacts.remove(auth, id);
  }

  @Post('contacts/bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add to / remove from a group, or delete: on a selection or on a whole search result' })
  @ApiZodBody(BulkContactsRequest, {
    action: 'add_to_group',
    groupId: '00000000-0000-4000-8000-000000000000',
    query: { search: '599' },
  })
  bulk(@Auth() auth: AuthContext, @Body(new ZodPipe(BulkContactsRequest)) body: z.output<typeof BulkContactsRequest>) {
    return this.groups.bulk(auth, body.action, { ids: body.ids, query: body.query }, body.groupId);
  }

  @Get('groups')
  @ApiOperation({ summary: 'Groups with member counts' })
  listGroups(@Auth() auth: AuthContext) {
    return this.groups.list(auth);
  }

  @Post('groups')
  @ApiOperation({ summary: 'Create a group' })
  @ApiZodBody(GroupInput, { name: 'VIP კლიენტები' })
  createGroup(@Auth() auth: AuthContext, @Body(new ZodPipe(GroupInput)) body: z.output<typeof GroupInput>) {
    return this.groups.create(auth, body.name);
  }

  @Patch('groups/:id')
  @ApiOperation({ summary: 'Rename a group' })
  @ApiZodBody(GroupInput)
  renameGroup(
    @Auth() auth: AuthContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(GroupInput)) body: z.output<typeof GroupInput>,
  ) {
    return this.groups.rename(auth, id, body.name);
  }

  @Delete('groups/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group (its contacts stay)' })
  removeGroup(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.groups.remove(auth, id);
  }
}
