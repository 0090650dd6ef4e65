import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RootController } from '../http/root.controller';
import { HealthController } from './health.controller';

/** Liveness and readiness probes, and the index at `/` and `/api/v1` that points to the docs. */
@Module({ imports: [TerminusModule], controllers: [HealthController, RootController] })
export class HealthModule {}
