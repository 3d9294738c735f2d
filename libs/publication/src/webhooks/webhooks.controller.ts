import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { DateTime, Nullable, OneOf, Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { FEED_EVENT_TYPES } from '../changes/public-changes';
import { WebhookSubscriptions } from './webhook-subscriptions';
import { CreateWebhookDto, DeliveryPageDto, ResumeWebhookDto } from './webhooks.dto';

const WebhookView = T.Object({
  id: T.Integer(),
  url: T.String(),
  events: T.Array(OneOf(FEED_EVENT_TYPES)),
  contactEmail: T.String(),
  status: OneOf(['active', 'paused'] as const),
  /** Events that failed in a row (the subscription is paused at 3). */
  failedInARow: T.Integer(),
  pausedAt: Nullable(DateTime),
  createdAt: DateTime,
  version: T.Integer(),
});

const CreatedWebhookView = T.Composite([
  WebhookView,
  T.Object({
    /** The HMAC-SHA256 signing secret, in this answer only. */
    secret: T.String(),
  }),
]);

const DeliveryView = T.Object({
  id: T.Integer(),
  eventId: T.String(),
  eventType: OneOf(FEED_EVENT_TYPES),
  objectId: T.Integer(),
  status: OneOf(['pending', 'delivered', 'failed'] as const),
  attempts: T.Integer(),
  lastStatusCode: Nullable(T.Integer()),
  lastError: Nullable(T.String()),
  lastAttemptAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  createdAt: DateTime,
});

/**
 * The change feed's subscriptions (admin): signed JSON events when a case, meeting, protocol or
 * anslag changes, with a delivery log, a re-send, and a resume after the feed paused itself.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly subscriptions: WebhookSubscriptions) {}

  @Get()
  @Returns(T.Array(WebhookView))
  @RequirePermission(Permission.ServiceTokensManage)
  list(@CurrentPrincipal() principal: Principal) {
    return this.subscriptions.list(principal);
  }

  /** The signing secret is in this response only. */
  @Post()
  @Returns(CreatedWebhookView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.ServiceTokensManage)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookDto) {
    return this.subscriptions.create(principal, body);
  }

  @Post(':id/resume')
  @Returns(WebhookView)
  @HttpCode(200)
  @RequirePermission(Permission.ServiceTokensManage)
  resume(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ResumeWebhookDto,
  ) {
    return this.subscriptions.resume(principal, id, body.version);
  }

  @Delete(':id')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.ServiceTokensManage)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    await this.subscriptions.remove(principal, id);
  }

  @Get(':id/deliveries')
  @Returns(T.Object({ deliveries: T.Array(DeliveryView), nextBefore: Nullable(T.Integer()) }))
  @RequirePermission(Permission.ServiceTokensManage)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: DeliveryPageDto,
  ) {
    return this.subscriptions.deliveries(principal, id, {
      before: query.before,
      limit: query.limit ?? 50,
    });
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @Returns(DeliveryView)
  @HttpCode(200)
  @RequirePermission(Permission.ServiceTokensManage)
  resend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('deliveryId', ParseIntPipe) deliveryId: number,
  ) {
    return this.subscriptions.resend(principal, id, deliveryId);
  }
}
