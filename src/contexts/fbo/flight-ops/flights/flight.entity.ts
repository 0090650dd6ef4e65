import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Aircraft } from '../aircraft/aircraft.entity';
import { ParkingLocation } from '../parking/parking-location.entity';
import type { FlightService, FlightSource, FlightStatus } from './flight-rules';

/** A visit of an aircraft: it arrives, departs, or both (a turn). */
@Entity('fbo_flights')
@Index('ix_fbo_flights_org_board', ['orgId', 'boardAt', 'id'])
@Index('ix_fbo_flights_org_arrival', ['orgId', 'arrivalAt'])
@Index('ix_fbo_flights_org_departure', ['orgId', 'departureAt'])
@Index('ix_fbo_flights_org_aircraft', ['orgId', 'aircraftId'])
@Check('ck_fbo_flights_status', `"status" IN ('planned', 'scheduled', 'delayed', 'arrived', 'departed', 'cancelled')`)
@Check('ck_fbo_flights_source', `"source" IN ('front_desk', 'line', 'integration', 'calendar')`)
@Check('ck_fbo_flights_times', '"arrival_at" IS NOT NULL OR "departure_at" IS NOT NULL')
@Check('ck_fbo_flights_order', '"departure_at" IS NULL OR "arrival_at" IS NULL OR "departure_at" >= "arrival_at"')
@Check('ck_fbo_flights_passengers', '"passenger_count" IS NULL OR "passenger_count" >= 0')
export class Flight extends OrgScopedEntity {
  @Column('uuid', { nullable: true })
  aircraftId: string | null;

  @Column('varchar', { length: 16, nullable: true })
  callSign: string | null;

  /** Planned arrival; null for a flight that only departs. */
  @Column('timestamptz', { nullable: true })
  arrivalAt: Date | null;

  /** Planned departure; null for a flight that only arrives (so far). */
  @Column('timestamptz', { nullable: true })
  departureAt: Date | null;

  /** What boards sort and page by: the arrival, else the departure. */
  @Column('timestamptz')
  boardAt: Date;

  @Column('timestamptz', { nullable: true })
  actualArrivalAt: Date | null;

  @Column('timestamptz', { nullable: true })
  actualDepartureAt: Date | null;

  @Column('varchar', { length: 4, nullable: true })
  origin: string | null;

  @Column('varchar', { length: 4, nullable: true })
  destination: string | null;

  @Column('varchar', { length: 100, nullable: true })
  contactName: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  services: FlightService[];

  @Column('text', { default: '' })
  fuelOrderNotes: string;

  @Column('integer', { nullable: true })
  passengerCount: number | null;

  @Column('uuid', { nullable: true })
  parkingLocationId: string | null;

  @Column('varchar', { length: 16, default: 'front_desk' })
  source: FlightSource;

  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  @Column('varchar', { length: 16, default: 'planned' })
  status: FlightStatus;

  // Relations declared for their foreign keys only.
  @ManyToOne(() => Aircraft, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aircraft_id', foreignKeyConstraintName: 'fk_fbo_flights_aircraft' })
  private readonly aircraft?: Aircraft;

  @ManyToOne(() => ParkingLocation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parking_location_id', foreignKeyConstraintName: 'fk_fbo_flights_parking_location' })
  private readonly parkingLocation?: ParkingLocation;
}
