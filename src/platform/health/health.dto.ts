export class HealthDto {
  /** `ok` when every dependency answered. */
  status: string;
  /** Per dependency: `{ status: 'up' | 'down', ... }`. */
  checks: Record<string, unknown>;
}
