import { OrganizationStatus, ReplacePackagesRequest, TopUpStatus } from '@mtredi/api-contract';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { BillingService } from '../billing/billing.service.js';
import { PackagesService } from '../billing/packages.service.js';
import { StaffAccountsService } from './staff-accounts.service.js';

/** The provider's staff area: verify organizations, confirm payments, keep the price table. */
@ApiTags('admin')
@Controller('v1/admin')
@RequireRole('staff')
export class AdminController {
  constructor(
    private readonly accounts: StaffAccountsService,
    private readonly billing: BillingService,
    private readonly packages: PackagesService,
  ) {}

  @Get('organizations')
  @ApiOperation({ summary: 'Organizations by status (default: waiting for activation), oldest first' })
  @ApiQuery({ name: 'status', required: false, enum: OrganizationStatus.options })
  organizations(
    @Query('status', new ZodPipe(OrganizationStatus.default('pending'))) status: z.infer<typeof OrganizationStatus>,
  ) {
    return this.accounts.byStatus(status);
  }

  @Post('organizations/:id/activate')
  @ApiOperation({ summary: 'Activate a verified organization so it can send' })
  activate(@Auth() staff: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.accounts.activate(staff, id);
  }

  @Get('top-ups')
  @ApiOperation({ summary: 'Top-up requests by status (default: waiting for payment confirmation)' })
  @ApiQuery({ name: 'status', required: false, enum: TopUpStatus.options })
  topUps(@Query('status', new ZodPipe(TopUpStatus.default('requested'))) status: z.infer<typeof TopUpStatus>) {
    return this.billing.topUpsByStatus(status);
  }

  @Post('top-ups/:id/confirm')
  @ApiOperation({ summary: 'Confirm the payment arrived; posts the credit (once, however often called)' })
  confirmTopUp(@Auth() staff: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.billing.confirmTopUp(staff, id);
  }

  @Get('packages')
  @ApiOperation({ summary: 'The price table' })
  listPackages() {
    return this.packages.list();
  }

  @Put('packages')
  @ApiOperation({ summary: 'Replace the price table; refused if a bigger package is not cheaper per SMS' })
  @ApiZodBody(ReplacePackagesRequest)
  replacePackages(
    @Auth() staff: AuthContext,
    @Body(new ZodPipe(ReplacePackagesRequest)) body: z.output<typeof ReplacePackagesRequest>,
  ) {
    return this.packages.replace(staff, body.items);
  }
}
