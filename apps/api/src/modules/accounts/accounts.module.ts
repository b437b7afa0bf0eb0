import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '../../common/auth/auth.guard.js';
import { BillingModule } from '../billing/billing.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { OrganizationController } from './organization.controller.js';
import { OrganizationService } from './organization.service.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [BillingModule],
  controllers: [AuthController, OrganizationController, ApiKeysController],
  providers: [
    AuthService,
    SessionsService,
    ApiKeysService,
    LoginThrottle,
    OrganizationService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiKeysService, SessionsService, OrganizationService],
})
export class AccountsModule {}
