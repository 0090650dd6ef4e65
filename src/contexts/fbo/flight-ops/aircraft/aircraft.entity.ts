import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** An aircraft the FBO handles, known by its registration (tail number). */
@Entity('fbo_aircraft')
@Index('uq_fbo_aircraft_org_tail', ['orgId', 'tailNumber'], { unique: true })
export class Aircraft extends OrgScopedEntity {
  /** Upper case, as painted ("N123AB"). */
  @Column('varchar', { length: 10 })
  tailNumber: string;

  /** ICAO type designator ("B738", "C172"). */
  @Column('varchar', { length: 4, nullable: true })
  typeIcao: string | null;

  @Column('varchar', { length: 64, nullable: true })
  typeDisplay: string | null;

  /** ICAO airline designator of the operator ("SKW"). */
  @Column('varchar', { length: 3, nullable: true })
  airlineIcao: string | null;

  @Column('varchar', { length: 32, nullable: true })
  fleetId: string | null;

  @Column('varchar', { length: 100, nullable: true })
  operator: string | null;
}
