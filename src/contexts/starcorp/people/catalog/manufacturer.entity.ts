import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../../platform/database/base.entity';

/**
 * A ship maker (AEGS, RSI, ...). The catalog is the game's, the same for every org: it has no org
 * id by design and only the import command writes it.
 */
@Entity('starcorp_manufacturers')
@Index('uq_starcorp_manufacturers_code', ['code'], { unique: true })
export class StarcorpManufacturer extends BaseEntity {
  @Column('varchar', { length: 10 })
  code: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 500, nullable: true })
  logoUrl: string | null;
}
