import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Equipment } from '../equipment/equipment.entity';
import { Flight } from '../flights/flight.entity';
import { ParkingLocation } from '../parking/parking-location.entity';
import type { LineServiceStatus, LineServiceType } from './line-service-rules';

/** Line work on one flight (the seed's LineSchedule): who, with which unit, where, when. */
@Entity('fbo_line_services')
@Index('ix_fbo_line_services_org_time', ['orgId', 'scheduledAt', 'id'])
@Index('ix_fbo_line_services_org_flight', ['orgId', 'flightId'])
@Check('ck_fbo_line_services_status', `"status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')`)
@Check(
  'ck_fbo_line_services_type',
  `"service_type" IN ('arrival_service', 'departure_service', 'turnaround', 'overnight')`,
)
@Check(
  'ck_fbo_line_services_times',
  '"actual_end" IS NULL OR ("actual_start" IS NOT NULL AND "actual_end" >= "actual_start")',
)
export class LineService extends OrgScopedEntity {
  @Column('uuid')
  flightId: string;

  @Column('varchar', { length: 24 })
  serviceType: LineServiceType;

  @Column('timestamptz')
  scheduledAt: Date;

  @Column('timestamptz', { nullable: true })
  actualStart: Date | null;

  @Column('timestamptz', { nullable: true })
  actualEnd: Date | null;

  /** Users (org members) assigned: they start and complete it. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  personnelUserIds: string[];

  /** The unit used; in use from start to completion. */
  @Column('uuid', { nullable: true })
  equipmentId: string | null;

  @Column('uuid', { nullable: true })
  parkingLocationId: string | null;

  @Column('varchar', { length: 16, default: 'scheduled' })
  status: LineServiceStatus;

  @Column('text', { default: '' })
  notes: string;

  // Relations declared for their foreign keys only.
  @ManyToOne(() => Flight, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flight_id', foreignKeyConstraintName: 'fk_fbo_line_services_flight' })
  private readonly flight?: Flight;

  @ManyToOne(() => Equipment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'equipment_id', foreignKeyConstraintName: 'fk_fbo_line_services_equipment' })
  private readonly equipment?: Equipment;

  @ManyToOne(() => ParkingLocation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parking_location_id', foreignKeyConstraintName: 'fk_fbo_line_services_parking_location' })
  private readonly parkingLocation?: ParkingLocation;
}
