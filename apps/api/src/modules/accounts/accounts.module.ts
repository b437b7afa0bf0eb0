import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from '../../common/auth/auth.guard.js';
import { IdempotencyInterceptor } from '../../common/idempotency.interceptor.js';
import { RateLimitGuard } from '../../common/rate-limit.guard.js';
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
    // After the AuthGuard, which says who the caller is.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [ApiKeysService, SessionsService, OrganizationService],
})
export class AccountsModule {}
