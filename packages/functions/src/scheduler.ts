import { claimTick, type LeaseStore } from './lease';
import { nextRun } from './schedule';

export interface ScheduledJob {
  /** Unique across the platform, e.g. `${appId}/${functionName}`. */
  id: string;
  cron: string;
  timezone?: string;
}

export interface SchedulerOptions {
  store: LeaseStore;
  /** Names this process in the lease documents. */
  holder: string;
  /** Called in exactly one process per tick of each job. */
  onFire: (job: ScheduledJob, tick: Date) => void | Promise<void>;
  onError?: (error: unknown, job: ScheduledJob) => void;
}

/** Fires cron schedules; processes sharing a store fire each tick once between them. */
export class Scheduler {
  private readonly jobs = new Map<string, { job: ScheduledJob; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** Adds or replaces a job (replacing keeps its identity, so ticks already fired stay fired). */
  schedule(job: ScheduledJob) {
    this.unschedule(job.id);
    this.arm(job, new Date());
  }

  unschedule(id: string) {
    const entry = this.jobs.get(id);
    if (entry) clearTimeout(entry.timer);
    this.jobs.delete(id);
  }

  get scheduled(): string[] {
    return [...this.jobs.keys()];
  }

  stop() {
    this.stopped = true;
    for (const id of [...this.jobs.keys()]) this.unschedule(id);
  }

  private arm(job: ScheduledJob, after: Date) {
    if (this.stopped) return;
    const tick = nextRun(job.cron, after, job.timezone);
    const timer = setTimeout(() => void this.fire(job, tick), Math.max(0, tick.getTime() - Date.now()));
    this.jobs.set(job.id, { job, timer });
  }

  private async fire(job: ScheduledJob, tick: Date) {
    if (this.jobs.get(job.id)?.job !== job) return;
    this.arm(job, tick);
    try {
      if (await claimTick(this.options.store, job.id, tick, this.options.holder))
        await this.options.onFire(job, tick);
    } catch (error) {
      this.options.onError?.(error, job);
    }
  }
}
