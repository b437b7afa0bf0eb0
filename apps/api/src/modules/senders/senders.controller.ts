import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { SendersService } from './senders.service.js';

@ApiTags('senders')
@Controller('v1/senders')
export class SendersController {
  constructor(private readonly senders: SendersService) {}

  @Get()
  @ApiOperation({ summary: "The organization's sender names and their status" })
  list(@Auth() auth: AuthContext) {
    return this.senders.list(auth);
  }
}
