import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { Aircraft } from '../../flight-ops/aircraft/aircraft.entity';
import { Equipment } from '../../flight-ops/equipment/equipment.entity';
import { Flight } from '../../flight-ops/flights/flight.entity';
import type { FuelType } from '../../fuel/tanks/tank.entity';
import type { ChargeFlag, FuelOrderPriority, FuelOrderStatus } from './fuel-order-rules';

/**
 * A fuel order (the seed's FuelTransaction): what to pump into which aircraft from which truck, who
 * fuels it, the meters read and the gallons and pounds they give. `changeVersion` counts edits made
 * after the fueler acknowledged; `acknowledgedVersion` is the one they acknowledged last.
 * `revision` goes up on every change and is the ETag that edits send back in `If-Match`.
 */
@Entity('fbo_fuel_orders')
@Index('uq_fbo_fuel_orders_org_ticket', ['orgId', 'ticketNumber'], { unique: true })
@Index('ix_fbo_fuel_orders_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_fbo_fuel_orders_org_status', ['orgId', 'status', 'createdAt'])
@Index('ix_fbo_fuel_orders_org_flight', ['orgId', 'flightId'])
@Index('uq_fbo_fuel_orders_truck_busy', ['orgId', 'truckId'], {
  unique: true,
  where: `"status" IN ('en_route', 'fueling')`,
})
@Check(
  'ck_fbo_fuel_orders_status',
  `"status" IN ('requested', 'dispatched', 'acknowledged', 'en_route', 'fueling', 'completed', 'reviewed', 'cancelled')`,
)
@Check('ck_fbo_fuel_orders_fuel_type', `"fuel_type" IN ('jet_a', 'avgas_100ll')`)
@Check('ck_fbo_fuel_orders_priority', `"priority" IN ('low', 'normal', 'high', 'urgent')`)
@Check(
  'ck_fbo_fuel_orders_request',
  `("top_off" AND "requested_gallons" IS NULL) OR (NOT "top_off" AND "requested_gallons" > 0)`,
)
@Check(
  'ck_fbo_fuel_orders_meters',
  `"meter_end" IS NULL OR ("meter_start" IS NOT NULL AND "meter_end" >= "meter_start")`,
)
@Check('ck_fbo_fuel_orders_charge_flags', `"charge_flags" <@ ARRAY['additive', 'after_hours', 'callout']::text[]`)
@Check('ck_fbo_fuel_orders_completed', `"status" NOT IN ('completed', 'reviewed') OR "gallons" IS NOT NULL`)
@ReferencesUser('createdById', { onDelete: 'SET NULL' })
export class FuelOrder extends OrgScopedEntity {
  @Column('varchar', { length: 32 })
  ticketNumber: string;

  @Column('uuid', { nullable: true })
  flightId: string | null;

  @Column('uuid', { nullable: true })
  aircraftId: string | null;

  /** The tail fuelled, as painted (the aircraft's, or typed in for a walk-up). */
  @Column('varchar', { length: 10 })
  tailNumber: string;

  /** ICAO type of the aircraft, for type-specific certifications. */
  @Column('varchar', { length: 4, nullable: true })
  aircraftType: string | null;

  @Column('varchar', { length: 16 })
  fuelType: FuelType;

  /** Gallons asked for; null with `topOff`. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  requestedGallons: string | null;

  @Column('boolean', { default: false })
  topOff: boolean;

  @Column('uuid', { nullable: true })
  truckId: string | null;

  @Column('varchar', { length: 8, default: 'normal' })
  priority: FuelOrderPriority;

  /** The front desk's instructions. */
  @Column('text', { default: '' })
  csrNotes: string;

  /** The fueler's remarks. */
  @Column('text', { default: '' })
  lineNotes: string;

  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  meterStart: string | null;

  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  meterEnd: string | null;

  /** meterEnd − meterStart, set on completion. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  gallons: string | null;

  /** lb/gal of the fuel type in the settings when the order completed. */
  @Column('numeric', { precision: 6, scale: 3, nullable: true })
  density: string | null;

  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  pounds: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  chargeFlags: ChargeFlag[];

  @Column('varchar', { length: 16, default: 'requested' })
  status: FuelOrderStatus;

  @Column('integer', { default: 0 })
  changeVersion: number;

  @Column('integer', { nullable: true })
  acknowledgedVersion: number | null;

  @Column('integer', { default: 1 })
  revision: number;

  @Column('timestamptz', { nullable: true })
  dispatchedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  enRouteAt: Date | null;

  @Column('timestamptz', { nullable: true })
  fuelingAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  // Relations declared for their foreign keys only.
  @ManyToOne(() => Flight, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flight_id', foreignKeyConstraintName: 'fk_fbo_fuel_orders_flight' })
  private readonly flight?: Flight;

  @ManyToOne(() => Aircraft, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aircraft_id', foreignKeyConstraintName: 'fk_fbo_fuel_orders_aircraft' })
  private readonly aircraft?: Aircraft;

  @ManyToOne(() => Equipment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'truck_id', foreignKeyConstraintName: 'fk_fbo_fuel_orders_truck' })
  private readonly truck?: Equipment;
}
