import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth-context.js';
import { ChannelCallbacks } from './channel-callbacks.service.js';

@ApiTags('channels')
@Controller('v1/channels')
export class ChannelCallbacksController {
  constructor(private readonly callbacks: ChannelCallbacks) {}

  @Public()
  @Post(':id/callback')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Delivery receipts pushed by a channel's operator (the reserve aggregator); the driver checks the request is genuine",
  })
  receive(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Headers() headers: Record<string, string | string[] | undefined>,
  ) {
    return this.callbacks.receive(id, body, headers);
  }
}
