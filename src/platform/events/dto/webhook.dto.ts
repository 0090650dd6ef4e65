import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { IsSafeText } from '../../http/safe-text';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { EVENT_TYPE_PATTERN } from '../webhook-event-types';

export class CreateWebhookDto {
  /** Where deliveries are POSTed: https (plain http only to localhost outside production). */
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'], require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  url: string;

  /**
   * Event types to receive: exact types (`dkp.member.rank_changed`), prefix wildcards
   * (`dkp.member.*`) or `*` for all. Membership changes are `platform.member.joined`,
   * `platform.member.tier_changed`, `platform.member.grants_changed` and `platform.member.removed`.
   */
  @ApiProperty({ type: [String], example: ['dkp.member.*'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(EVENT_TYPE_PATTERN, {
    each: true,
    message: 'each eventTypes entry must be a dotted event type, a prefix like `dkp.*`, or `*`',
  })
  eventTypes: string[];

  /** Deliveries are sent only while active (default true). */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsSafeText()
  description?: string;
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class WebhookDto {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Returned at creation and rotation only: `secret` is never shown again. */
export class WebhookWithSecretDto extends WebhookDto {
  /**
   * The HMAC-SHA256 key of `X-Quartermaster-Signature: t=<unix>,v1=<hex of HMAC(secret, "<t>.<raw body>")>`.
   */
  secret: string;
}

export class ListWebhookDeliveriesQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus', required: false })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class WebhookDeliveryDto {
  /** Sent as `X-Quartermaster-Delivery`; the same on every attempt. */
  id: string;
  subscriptionId: string;
  /** The event's id, also `id` in the delivered body. */
  eventId: string;
  eventType: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  status: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  /** HTTP status of the last attempt; null when it got no response. */
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}
