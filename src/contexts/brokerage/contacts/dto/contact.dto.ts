import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import { CONTACT_TYPES, type ContactType } from '../contact.entity';
import { PARTY_KINDS, type PartyKind } from '../../parties/party.entity';

const PHONE = /^[0-9+().\-\s x]{3,40}$/;
const phoneMessage = { message: '$property must be a phone number' };

/** The contact's role at one party. */
export class ContactLinkInputDto {
  /** A supplier, customer, plant or carrier of the org. */
  @IsUUID()
  partyId: string;

  @ApiProperty({ example: 'buyer' })
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(48)
  role: string;
}

export class ContactLinkDto extends ContactLinkInputDto {
  @ApiProperty({ enum: PARTY_KINDS, enumName: 'BrokeragePartyKind' })
  partyKind: PartyKind;
  partyName: string;
}

export class CreateContactDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  firstName: string;

  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(100)
  lastName?: string;

  @IsOptional()
  @IsNullable()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String })
  @IsOptional()
  @IsNullable()
  @Matches(PHONE, phoneMessage)
  mainPhone?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String })
  @IsOptional()
  @IsNullable()
  @Matches(PHONE, phoneMessage)
  directPhone?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String })
  @IsOptional()
  @IsNullable()
  @Matches(PHONE, phoneMessage)
  cellPhone?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(200)
  company?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(100)
  title?: string | null;

  @ApiProperty({ required: false, enum: CONTACT_TYPES, enumName: 'BrokerageContactType', default: 'other' })
  @IsOptional()
  @IsIn(CONTACT_TYPES)
  type?: ContactType;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;

  /** The parties the contact works with and the role at each; given, it replaces the contact's links. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactLinkInputDto)
  links?: ContactLinkInputDto[];
}

export class UpdateContactDto extends PartialType(CreateContactDto) {}

export class ContactDto {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  mainPhone: string | null;
  directPhone: string | null;
  cellPhone: string | null;
  company: string | null;
  title: string | null;
  @ApiProperty({ enum: CONTACT_TYPES, enumName: 'BrokerageContactType' })
  type: ContactType;
  notes: string;
  links: ContactLinkDto[];
}

export class ListContactsQueryDto extends CursorPageQueryDto {
  /** Case-insensitive part of the name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  /** Only the contacts linked to this party. */
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiProperty({ required: false, enum: CONTACT_TYPES, enumName: 'BrokerageContactType' })
  @IsOptional()
  @IsIn(CONTACT_TYPES)
  type?: ContactType;
}
