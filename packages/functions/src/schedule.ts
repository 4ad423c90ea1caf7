import { CronExpressionParser } from 'cron-parser';

/** Parses a cron expression (5 fields, or 6 with seconds first); throws a clear Error when invalid. */
export function parseSchedule(cron: string, timezone?: string) {
  try {
    return CronExpressionParser.parse(cron, { strict: false, ...(timezone ? { tz: timezone } : {}) });
  } catch (error) {
    throw new Error(`Invalid cron expression "${cron}": ${(error as Error).message}`);
  }
}

/** The first time strictly after `after` at which the schedule fires. */
export function nextRun(cron: string, after: Date, timezone?: string): Date {
  const expression = CronExpressionParser.parse(cron, {
    currentDate: after,
    ...(timezone ? { tz: timezone } : {}),
  });
  return expression.next().toDate();
}

/** A name for one firing of a schedule, shared by all processes, used as the lease name. */
export function tickKey(functionId: string, fireAt: Date): string {
  return `schedule:${functionId}:${fireAt.toISOString()}`;
}
