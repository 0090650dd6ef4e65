import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiProblem } from '../http/api-problem.decorator';
import { CursorPageQueryDto } from '../http/page-query.dto';
import { Page, PageOf } from '../http/pagination';
import { UuidParam } from '../http/params';
import { CurrentOrg } from '../http/request';
import type { OrgAccess } from '../tenancy/org-access';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { toWebhookDto, WebhooksService } from './webhooks.service';

const WebhookPageDto = PageOf(WebhookDto);
const WebhookDeliveryPageDto = PageOf(WebhookDeliveryDto);

/**
 * Signed webhooks: the org's domain events POSTed to URLs its admins register. Admins only, and
 * no scopes, so bot keys cannot manage them. See `verifyWebhookSignature` for receivers.
 */
@Controller('orgs/:org/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** Registers a URL for the org's events. The signing `secret` is in this response only. */
  @Post()
  @Access({ tier: 'admin' })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  createWebhook(@CurrentOrg() access: OrgAccess, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(access.org.id, dto);
  }

  @Get()
  @ApiOperation({ summary: "List the org's webhook subscriptions" })
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookPageDto })
  listWebhooks(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<WebhookDto>> {
    return this.webhooks.list(access.org.id, q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook subscription' })
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookDto })
  async getWebhook(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.webhooks.get(access.org.id, id));
  }

  /** Changes the URL, event types, description, or pauses (`active: false`) deliveries. */
  @Patch(':id')
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookDto })
  updateWebhook(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(access.org.id, id, dto);
  }

  /** Deletes the subscription and its delivery log; pending deliveries are dropped. */
  @Delete(':id')
  @HttpCode(204)
  @Access({ tier: 'admin' })
  @ApiNoContentResponse()
  deleteWebhook(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.webhooks.remove(access.org.id, id);
  }

  /** Replaces the signing secret at once. The new `secret` is in this response only. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  rotateWebhookSecret(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(access.org.id, id);
  }

  /** The delivery log, newest first. */
  @Get(':id/deliveries')
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  listWebhookDeliveries(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.listDeliveries(access.org.id, id, q);
  }

  /** Queues a failed delivery again (same delivery id, fresh attempts). */
  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @Access({ tier: 'admin' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblem(409, ['webhook-delivery-not-failed'], 'The delivery is not failed')
  retryWebhookDelivery(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.retryDelivery(access.org.id, id, deliveryId);
  }

  /** Queues a `webhook.ping` event for this subscription only, to test the receiver. */
  @Post(':id/ping')
  @HttpCode(202)
  @Access({ tier: 'admin' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  pingWebhook(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.ping(access.org.id, id);
  }
}
