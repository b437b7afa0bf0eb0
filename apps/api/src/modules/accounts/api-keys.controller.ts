import { CreateApiKeyRequest } from '@mtredi/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@RequireRole('owner', 'member')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The organization's API keys (secrets are never shown again)" })
  list(@Auth() auth: AuthContext) {
    return this.keys.list(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key; the answer holds its secret, shown this once only' })
  @ApiZodBody(CreateApiKeyRequest, { name: 'Online shop' })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(CreateApiKeyRequest)) body: z.output<typeof CreateApiKeyRequest>,
  ) {
    return this.keys.createFor(auth, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  revoke(@Auth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.keys.revoke(auth, id);
  }
}
