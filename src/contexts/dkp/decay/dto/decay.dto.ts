export class DecayResultDto {
  poolId: string;
  /** Start of the decay period (periods are aligned to the Unix epoch). */
  periodStart: Date;
  /** False when this period was already applied, or decay is off for the pool. */
  applied: boolean;
  /** Ledger entries written. */
  entries: number;
  /** Points removed in all. */
  totalDecayed: string;
}
