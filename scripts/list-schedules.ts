/** `npm run schedules`: every scheduled job with its cron expression and next run, in the configured time zone. */
import { scheduledJobs } from '../jobs/all-jobs.ts';
import { nextRun } from '../jobs/scheduler.ts';
import { readConfig } from '../src/read-config.ts';

const config = readConfig();
const now = new Date();
const local = new Intl.DateTimeFormat('zh-CN', {
  timeZone: config.APP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
console.log(`定时任务（时区 ${config.APP_TIME_ZONE}）：\n`);
const rows = scheduledJobs.map((job) => {
  const expression = job.cron(config);
  return [job.name, expression, local.format(nextRun(expression, config.APP_TIME_ZONE, now)), job.description];
});
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length), 8));
for (const row of [['任务', 'cron', '下次运行', '做什么'], ...rows]) {
  console.log(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]! + 2) : cell)).join(''));
}
