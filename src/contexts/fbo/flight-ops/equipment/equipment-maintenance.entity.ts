import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Equipment } from './equipment.entity';
import type { MaintenanceKind } from './equipment-rules';

/** One maintenance done on a unit: the append-only log inspectors read. */
@Entity('fbo_equipment_maintenance')
@Index('ix_fbo_equipment_maintenance_org_unit_time', ['orgId', 'equipmentId', 'createdAt', 'id'])
@Check('ck_fbo_equipment_maintenance_kind', `"kind" IN ('daily', '50hr', '100hr', 'annual', 'repair')`)
export class EquipmentMaintenance extends OrgScopedEntity {
  /** The unit's row id (not its label). */
  @Column('uuid')
  equipmentId: string;

  @Column('varchar', { length: 8 })
  kind: MaintenanceKind;

  @Column('date')
  performedOn: string;

  @Column('date', { nullable: true })
  nextDueOn: string | null;

  @Column('text', { default: '' })
  notes: string;

  @Column('uuid', { nullable: true })
  performedByUserId: string | null;

  @ManyToOne(() => Equipment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'equipment_id', foreignKeyConstraintName: 'fk_fbo_equipment_maintenance_equipment' })
  private readonly equipment?: Equipment;
}
