import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { StarcorpShip } from '../catalog/ship.entity';
import type { AcquiredVia, FleetStatus } from './fleet-rules';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/** One hull a member owns (the seed's FleetShip and ShipOwnership merged: a row per hull). */
@Entity('starcorp_fleet_ships')
@Index('ix_starcorp_fleet_ships_org_created', ['orgId', 'createdAt'])
@Index('ix_starcorp_fleet_ships_org_owner_status', ['orgId', 'ownerUserId', 'status'])
@Index('ix_starcorp_fleet_ships_org_ship_status', ['orgId', 'shipId', 'status'])
@Index('ix_starcorp_fleet_ships_org_status', ['orgId', 'status'])
@Check('ck_starcorp_fleet_ships_status', "status IN ('pledged', 'active', 'on_loan', 'sold')")
@Check('ck_starcorp_fleet_ships_acquired_via', "acquired_via IN ('pledge', 'ingame')")
@Check(
  'ck_starcorp_fleet_ships_window',
  'available_from IS NULL OR available_until IS NULL OR available_from <= available_until',
)
@ReferencesUser('ownerUserId', { onDelete: 'CASCADE' })
export class StarcorpFleetShip extends OrgScopedEntity {
  @Column('uuid')
  ownerUserId: string;

  @Column('uuid')
  shipId: string;

  /** The owner's name for the hull ("Bessie"). */
  @Column('varchar', { length: 100, nullable: true })
  name: string | null;

  @Column('date', { nullable: true })
  purchasedDate: string | null;

  @Column('varchar', { length: 8 })
  acquiredVia: AcquiredVia;

  /** As the store words it: "LTI", "120 months", ... */
  @Column('varchar', { length: 32, nullable: true })
  insurance: string | null;

  @Column('varchar', { length: 16 })
  status: FleetStatus;

  @Column('boolean', { default: false })
  availableForMissions: boolean;

  @Column('timestamptz', { nullable: true })
  availableFrom: Date | null;

  @Column('timestamptz', { nullable: true })
  availableUntil: Date | null;

  @Column('varchar', { length: 100, nullable: true })
  currentLocation: string | null;

  @Column('text', { nullable: true })
  notes: string | null;

  @ManyToOne(() => StarcorpShip, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ship_id', foreignKeyConstraintName: 'fk_starcorp_fleet_ships_ship' })
  ship?: StarcorpShip;
}
