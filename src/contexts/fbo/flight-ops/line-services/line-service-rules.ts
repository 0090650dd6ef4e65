import { StateMachine } from '../../../../platform/domain/state-machine';
import { Problem } from '../../../../platform/http/problem';
import { tierAtLeast, type Tier } from '../../../../platform/tenancy/tiers';

export const LINE_SERVICE_TYPES = ['arrival_service', 'departure_service', 'turnaround', 'overnight'] as const;
export type LineServiceType = (typeof LINE_SERVICE_TYPES)[number];

export const LINE_SERVICE_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type LineServiceStatus = (typeof LINE_SERVICE_STATUSES)[number];

/** Completing needs a start (the seed let a service complete that never began). */
export const LINE_SERVICE_MACHINE = new StateMachine<LineServiceStatus>('line service', {
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
});

export const LINE_SERVICE_EVENTS: Partial<Record<LineServiceStatus, string>> = {
  in_progress: 'fbo.line_service.started',
  completed: 'fbo.line_service.completed',
};

/**
 * Who may start or complete a service: the personnel assigned to it, or an officer (who
 * supervises the line). Bot keys and other members may not.
 */
export function assertMayWork(
  caller: { userId: string | null; tier: Tier | null },
  service: { personnelUserIds: readonly string[] },
): void {
  if (caller.tier && tierAtLeast(caller.tier, 'officer')) return;
  if (caller.userId && service.personnelUserIds.includes(caller.userId)) return;
  throw Problem.forbidden('Only the personnel assigned to this service, or an officer, may work it');
}
