import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** One row per org, created with the defaults on first read or write (see `FboSettingsService`). */
@Entity('fbo_settings')
@Index('uq_fbo_settings_org', ['orgId'], { unique: true })
export class FboSettings extends OrgScopedEntity {
  /** ICAO codes of the airports the FBO serves; parking locations name one of them. */
  @Column('text', { array: true, default: () => "'{}'" })
  airports: string[];

  /** IANA zone of the FBO: "today" on boards is the local day there. */
  @Column('varchar', { length: 64, default: 'UTC' })
  timeZone: string;

  /** Pounds per US gallon, for pounds = gallons × density on fuel tickets. */
  @Column('numeric', { name: 'jet_a_density', precision: 6, scale: 3, default: () => '6.7' })
  jetADensity: string;

  @Column('numeric', { name: 'avgas_100ll_density', precision: 6, scale: 3, default: () => '6.0' })
  avgas100llDensity: string;

  /** The tags flights and equipment may carry. */
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];
}
