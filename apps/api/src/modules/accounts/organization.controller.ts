import { AddMemberRequest, UpdateOrganizationRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { OrganizationService } from './organization.service.js';

@ApiTags('organization')
@Controller('v1/organization')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get()
  @ApiOperation({ summary: "The caller's organization profile and verification status" })
  profile(@Auth() auth: AuthContext) {
    return this.organizations.profile(auth);
  }

  @Patch()
  @RequireRole('owner')
  @ApiOperation({ summary: 'Update the web site and contact details (owner)' })
  @ApiZodBody(UpdateOrganizationRequest, { contactName: 'ნინო ბერიძე', contactPhone: '+995599123456' })
  update(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(UpdateOrganizationRequest)) body: z.output<typeof UpdateOrganizationRequest>,
  ) {
    return this.organizations.update(auth, body);
  }

  @Get('members')
  @ApiOperation({ summary: 'Users of the organization' })
  members(@Auth() auth: AuthContext) {
    return this.organizations.members(auth);
  }

  @Post('members')
  @RequireRole('owner')
  @ApiOperation({ summary: 'Add a member with a first password (owner)' })
  @ApiZodBody(AddMemberRequest, { email: 'giorgi@tdc.ge', name: 'გიორგი', password: 'first password 123' })
  addMember(@Auth() auth: AuthContext, @Body(new ZodPipe(AddMemberRequest)) body: z.output<typeof AddMemberRequest>) {
    return this.organizations.addMember(auth, body);
  }

  @Delete('members/:id')
  @HttpCode(204)
  @RequireRole('owner')
  @ApiOperation({ summary: 'Remove a member and end their sessions (owner)' })
  removeMember(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.organizations.removeMember(auth, id);
  }
}
