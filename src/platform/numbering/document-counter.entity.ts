import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number an org issued in one sequence of documents (`brokerage.purchase_order`,
 * `fbo.ticket`, ...). A row per org and sequence, moved only by `DocumentNumbers.next` inside the
 * transaction that creates the document, so a rolled-back document gives its number back: the
 * numbers an org sees are gapless.
 */
@Entity('document_counters')
export class DocumentCounter {
  @PrimaryColumn('uuid')
  orgId: string;

  /** The sequence's name, `<context>.<document>`. */
  @PrimaryColumn('varchar', { length: 64 })
  sequence: string;

  @Column('bigint')
  lastValue: string;
}
