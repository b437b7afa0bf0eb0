import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { UnmatchedReceipt } from './unmatched-receipt.entity.js';

const MAX_LIMIT = 500;

/**
 * Staff view of a channel's receipts that match no message (yet): what the operator reported, for
 * which handset, and whether the reconciler still tries them (`retryAt`) or has given up.
 */
@ApiTags('admin: channels')
@Controller('v1/admin/channels')
@RequireRole('staff')
export class UnmatchedReceiptsController {
  constructor(private readonly tenancy: Tenancy) {}

  @Get(':id/unmatched-receipts')
  @ApiOperation({ summary: "A channel's receipts that match no message, newest first (paged by `before` id)" })
  async list(
    @Param('id', new ParseUUIDPipe()) channelId: string,
    @Query('limit') limitText?: string,
    @Query('before') beforeText?: string,
  ) {
    const limit = limitText === undefined ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException(`limit: a whole number from 1 to ${MAX_LIMIT}, got "${limitText}"`);
    }
    const before = beforeText === undefined ? undefined : Number(beforeText);
    if (before !== undefined && (!Number.isInteger(before) || before < 1)) {
      throw new BadRequestException(`before: an id from a previous page, got "${beforeText}"`);
    }
    const rows = await this.tenancy
      .system()
      .find(
        UnmatchedReceipt,
        { channelId, ...(before === undefined ? {} : { id: { $lt: before } }) },
        { orderBy: { id: 'desc' }, limit },
      );
    return {
      items: rows.map((r) => ({
        id: r.id,
        channelMessageId: r.channelMessageId,
        state: r.state,
        errorCode: r.errorCode ?? null,
        handset: r.handset ?? null,
        textExcerpt: r.textExcerpt ?? null,
        receiptAt: r.receiptAt.toISOString(),
        receivedAt: r.receivedAt.toISOString(),
        tries: r.tries,
        retryAt: r.retryAt ? r.retryAt.toISOString() : null,
      })),
      nextBefore: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
    };
  }
}
