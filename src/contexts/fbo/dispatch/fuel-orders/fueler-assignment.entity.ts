import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { Fueler } from '../../fuel/fuelers/fueler.entity';
import { FuelOrder } from './fuel-order.entity';

/**
 * A fueler on a fuel order (the seed's FuelerAssignment). `busy` is set while the order is en route
 * or fueling: the partial unique index lets a fueler be busy on one order at a time, which holds
 * under concurrency without locking the fueler's row.
 */
@Entity('fbo_fuel_order_assignments')
@Index('uq_fbo_fuel_order_assignments_org_order_fueler', ['orgId', 'fuelOrderId', 'fuelerId'], { unique: true })
@Index('ix_fbo_fuel_order_assignments_org_fueler', ['orgId', 'fuelerId', 'fuelOrderId'])
@Index('uq_fbo_fuel_order_assignments_fueler_busy', ['orgId', 'fuelerId'], { unique: true, where: '"busy"' })
@ReferencesUser('assignedById', { onDelete: 'SET NULL' })
export class FuelerAssignment extends OrgScopedEntity {
  @Column('uuid')
  fuelOrderId: string;

  @Column('uuid')
  fuelerId: string;

  /** The fueler's user, copied so "my orders" and the mover check need no join. */
  @Column('uuid')
  userId: string;

  @Column('boolean', { default: false })
  busy: boolean;

  @Column('uuid', { nullable: true })
  assignedById: string | null;

  @ManyToOne(() => FuelOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fuel_order_id', foreignKeyConstraintName: 'fk_fbo_fuel_order_assignments_order' })
  private readonly fuelOrder?: FuelOrder;

  @ManyToOne(() => Fueler, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fueler_id', foreignKeyConstraintName: 'fk_fbo_fuel_order_assignments_fueler' })
  private readonly fueler?: Fueler;
}
