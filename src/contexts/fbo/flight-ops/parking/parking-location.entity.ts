import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { GeoJsonPolygon } from './geo';

/**
 * A place an aircraft parks: a ramp spot, hangar bay or terminal gate (the seed's TerminalGate is
 * folded in as `terminal` + `gate`). Never deleted: flights keep pointing at retired spots, which
 * are `active = false`.
 */
@Entity('fbo_parking_locations')
@Index('uq_fbo_parking_locations_org_airport_code', ['orgId', 'airport', 'locationCode'], { unique: true })
@Index('ix_fbo_parking_locations_org_order', ['orgId', 'airport', 'displayOrder', 'locationCode'])
export class ParkingLocation extends OrgScopedEntity {
  @Column('varchar', { length: 16 })
  locationCode: string;

  @Column('varchar', { length: 200, default: '' })
  description: string;

  /** ICAO code, one of the settings' airports when written. */
  @Column('varchar', { length: 4 })
  airport: string;

  @Column('varchar', { length: 32, nullable: true })
  terminal: string | null;

  @Column('varchar', { length: 16, nullable: true })
  gate: string | null;

  @Column('numeric', { precision: 9, scale: 6, nullable: true })
  latitude: string | null;

  @Column('numeric', { precision: 9, scale: 6, nullable: true })
  longitude: string | null;

  @Column('jsonb', { nullable: true })
  polygon: GeoJsonPolygon | null;

  @Column('integer', { default: 0 })
  displayOrder: number;

  @Column('boolean', { default: true })
  active: boolean;
}
