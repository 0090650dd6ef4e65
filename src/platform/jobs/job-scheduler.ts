import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * Runs recurring jobs in-process. Every instance runs them; jobs must therefore be safe to run
 * concurrently and repeatedly (the decay job, for one, claims its period with a unique row).
 * A job never overlaps itself, and a failure is logged and retried at the next tick.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  every(name: string, intervalMs: number, job: () => Promise<void>): void {
    if (!this.config.JOBS_ENABLED) return;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job();
      } catch (error) {
        this.logger.error({ err: error, job: name }, 'job failed');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    this.timers.push(timer);
    setImmediate(() => void tick());
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearInterval);
  }
}
