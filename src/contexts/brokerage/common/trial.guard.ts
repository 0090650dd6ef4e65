import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../../../platform/http/problem';
import { SettingsRepository } from '../settings/settings.repository';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every brokerage write once the org's trial has ended (403 `trial-expired`), in one place
 * for all controllers (see `BrokerageController`). It runs after the access guard, so the org is
 * resolved and a stranger has already had their 404. Reads stay open, and so do the settings (not
 * behind this guard), where an admin extends or clears the trial.
 */
@Injectable()
export class TrialGuard implements CanActivate {
  constructor(private readonly settings: SettingsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (READS.has(request.method) || !request.orgAccess) return true;
    const trialEndsAt = await this.settings.trialEndsAt(request.orgAccess.org.id);
    if (trialEndsAt && trialEndsAt.getTime() <= Date.now()) {
      throw new Problem(403, `The brokerage trial ended on ${trialEndsAt.toISOString()}`, {
        slug: 'trial-expired',
        extensions: { trialEndsAt: trialEndsAt.toISOString() },
      });
    }
    return true;
  }
}
