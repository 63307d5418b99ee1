import cron from 'node-cron';
import { z } from 'zod';
import { parseQuietHours } from './delivery/quiet-hours.ts';

/** Kinds of message a template can be configured for, and the fields a template's data may take. */
export const templateKinds = ['default', 'activity', 'notice', 'study', 'care', 'reminder', 'digest'] as const;
export const templateFields = ['title', 'text', 'time', 'place', 'org', 'name'] as const;

function templatesSchema() {
  const template = z.object({
    id: z.string().min(1, '模板须有 id'),
    data: z.record(z.string().regex(/^[a-z_]+\d*$/, '模板字段名须形如 thing1、time2'), z.enum(templateFields)),
  });
  return z.partialRecord(z.enum(templateKinds), template);
}

/**
 * The whole configuration, read from the environment once at start-up.
 * Every variable has a local default so that `npm start` works on a fresh machine;
 * `.env.example` documents each one.
 */
const httpUrl = '须为 http:// 或 https:// 开头的地址';

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '须为 postgresql:// 开头的连接地址')
    .default('postgresql://postgres@127.0.0.1:5432/engagement'),
  /** The console's reads (pages, exports): a read replica of DATABASE_URL; unset, DATABASE_URL itself. Writes always go to DATABASE_URL. */
  DATABASE_READ_URL: z.string().regex(/^postgres(ql)?:\/\//, '须为 postgresql:// 开头的连接地址').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, '须为 redis:// 开头的地址')
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, '只能用字母、数字、- 和 _').default('mma'),
  /** With a puppet configured, start even on a Redis that can lose waiting messages (no appendonly, or evicting keys). */
  ALLOW_VOLATILE_REDIS: z.stringbool().default(false),
  /** Empty: the local simulator runs on wechaty-puppet-mock; `official-account`: the certified 服务号 (OA_* below). */
  WECHATY_PUPPET: z.string().default(''),
  /** The official account (服务号): its AppID and AppSecret (developer settings of the 公众号 backend). */
  OA_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, '须为 wx 开头的 AppID，例如 wx1234567890abcdef（公众号后台「设置与开发 → 基本配置」）').optional(),
  OA_APP_SECRET: z.string().regex(/^[0-9a-f]{32}$/, '须为 32 位的 AppSecret（公众号后台「设置与开发 → 基本配置」）').optional(),
  /** The callback token entered in the 公众号 backend (服务器配置): 3–32 letters and digits. */
  OA_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, '须为 3–32 位字母和数字，与公众号后台「服务器配置」中的令牌一致').optional(),
  /** 43 characters: messages are in 安全模式 (AES). Unset: plaintext callbacks (明文模式). */
  OA_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, '须为 43 位的 EncodingAESKey，与公众号后台「服务器配置」中的一致').optional(),
  /** WeChat's API; tests and the simulator point it at a local fake. */
  OA_API_BASE_URL: z.url({ protocol: /^https?$/, error: httpUrl }).default('https://api.weixin.qq.com'),
  /** Template messages by kind, e.g. {"default":{"id":"TPL","data":{"thing1":"title","thing2":"text"}}} (see README). */
  OA_TEMPLATES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: '须为 JSON，例如 {"default":{"id":"TPL_ID","data":{"thing1":"title"}}}' });
        return z.NEVER;
      }
    })
    .pipe(templatesSchema()),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().default(''),
  /** Wechaty keeps the login session under this name; the account's outbox queue is named after it. */
  BOT_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/, '只能用字母、数字、- 和 _').default('engagement-assistant'),
  /** Where Wechaty keeps the login session (the memory card, a secret): created with mode 0700, the file 0600. */
  MEMORY_CARD_DIR: z.string().default('.wechaty'),
  /** The operator's alerts (logged out, throttled …) are POSTed here: a WeCom group robot's URL, or any JSON webhook. */
  ALERT_WEBHOOK_URL: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: httpUrl })]).default(''),
  /** No inbound message at all for this many hours during the day is reported as a likely logout. */
  SILENCE_ALERT_HOURS: z.coerce.number().positive().max(168).default(6),
  /** After a re-login the outbox waits this long before sending again. */
  RESUME_COOLDOWN_MINUTES: z.coerce.number().min(0).max(1440).default(10),
  /** Local days, quiet hours and schedules use this IANA time zone (not TZ, which containers set to UTC). */
  APP_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, '须为 IANA 时区名，例如 Asia/Shanghai'),
  /** Seconds the bot collects group check-ins before posting one summary. */
  GROUP_REPLY_WINDOW_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  /** The bot sends at most one message per this many seconds (its WeChat account must not look like spam)… */
  SEND_INTERVAL_SECONDS: z.coerce.number().min(0).max(600).default(3),
  /** …plus a random 0–this many seconds more. */
  SEND_JITTER_SECONDS: z.coerce.number().min(0).max(600).default(2),
  /** Replies keep their own, faster pace: one at most per this many seconds after any message… */
  REPLY_INTERVAL_SECONDS: z.coerce.number().min(0).max(600).default(1),
  /** …plus a random 0–this many seconds more. */
  REPLY_JITTER_SECONDS: z.coerce.number().min(0).max(600).default(0.5),
  /** Seconds between two posts to group chats. */
  GROUP_POST_PAUSE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** Replies to contacts not bound to a member take at most this share of the pace (0.1: one message in ten). */
  STRANGER_REPLY_SHARE: z.coerce.number().gt(0).max(1).default(0.1),
  /** A send that failed is tried again after this many seconds, doubling, 5 tries in all (a database outage does not count). */
  SEND_RETRY_SECONDS: z.coerce.number().gt(0).max(3600).default(5),
  /** Messages stamped up to this long before start-up are still handled (clocks and second-resolution stamps lag); ids tell replays apart. */
  STARTUP_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /** Local hours when the bot sends nothing on its own (replies to a member are exempt); "off" disables. */
  QUIET_HOURS: z
    .string()
    .default('22:00-08:00')
    .refine((text) => parseQuietHours(text) !== undefined, '须形如 22:00-08:00，或 off（不设免打扰）'),
  /** Proactive messages a member gets per day at most (reminders they asked for by 报名 do not count). */
  DAILY_MESSAGE_CAP: z.coerce.number().int().min(1).max(50).default(2),
  /** Proactive messages the account sends per local day at most, all members together; the rest wait for the next day. */
  ACCOUNT_DAILY_CAP: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** After WeChat throttles the account (操作过于频繁, ret 1205 …) proactive sends pause this long; replies go on. */
  THROTTLE_PAUSE_HOURS: z.coerce.number().gt(0).max(168).default(6),
  /** Nothing proactive this long after the account's first login; the account cap then grows over the first week. 0: neither. */
  WARMUP_HOURS: z.coerce.number().min(0).max(168).default(8),
  /** 签到 counts as attendance from this many minutes before an activity starts… */
  ACTIVITY_CHECK_IN_OPENS_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  /** …until this many minutes after. */
  ACTIVITY_CHECK_IN_CLOSES_MINUTES: z.coerce.number().int().min(0).max(1440).default(120),
  /** Minutes before an activity when those who said 报名 are reminded, comma-separated. */
  ACTIVITY_REMINDER_MINUTES: z
    .string()
    .default('1440,60')
    .transform((text) => text.replaceAll(' ', ''))
    .pipe(z.string().regex(/^\d+(,\d+)*$/, '须为逗号分隔的分钟数，例如 1440,60'))
    .transform((text) => text.split(',').map(Number)),
  /** Minutes before an activity when invited members who have not answered get one follow-up. */
  ACTIVITY_FOLLOW_UP_MINUTES: z.coerce.number().int().min(1).default(1440),
  /** Weekly push of the next waiting 学习包 (cron, local time). */
  STUDY_PUSH_CRON: cronExpression('0 9 * * 1'),
  /** When the daily check for unconfirmed study packs runs. */
  STUDY_REMINDER_CRON: cronExpression('0 10 * * *'),
  /** Days after a push when members who have not said 已学 get their one reminder. */
  STUDY_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** The daily silent-member scan; evening, when drivers rest. */
  SILENT_SCAN_CRON: cronExpression('30 19 * * *'),
  /** Days of silence before a member is nudged… */
  SILENT_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** …at most once per this many days. */
  NUDGE_INTERVAL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Unanswered nudges and days of silence after which a member is 疑似失联 and secretaries are alerted. */
  LOST_CONTACT_AFTER_NUDGES: z.coerce.number().int().min(1).max(20).default(2),
  LOST_CONTACT_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** 结对联系: the most members one contact person looks after. */
  CONTACT_PERSON_MAX: z.coerce.number().int().min(1).max(50).default(5),
  /** The weekly reminder to contact persons of members with no 走访 recorded in 30 days. */
  CONTACT_REMINDER_CRON: cronExpression('30 9 * * 1'),
  /** The whereabouts question, spread over each quarter's working days, to members whose whereabouts are older than WHEREABOUTS_STALE_DAYS. */
  WHEREABOUTS_CRON: cronExpression('0 10 * * 1-5'),
  WHEREABOUTS_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** The weekly digest to secretaries. */
  DIGEST_CRON: cronExpression('30 8 * * 1'),
  /** Days the text of a command (签到 西宁, 建议 …) is kept with its inbound message; then only who, when and which command. */
  MESSAGE_TEXT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The secretary console (后台) listens on this port; 0 turns it off. */
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** …on this address (127.0.0.1: behind a reverse proxy, or on this machine only). */
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  /** The console's address in login links (https:// makes the session cookie Secure); empty: http://WEB_HOST:WEB_PORT. */
  WEB_BASE_URL: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: httpUrl })]).default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

function cronExpression(fallback: string) {
  return z.string().default(fallback).refine((text) => cron.validate(text), '须为 cron 表达式，例如 30 19 * * *（分 时 日 月 周）');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws one error naming every bad variable, a line each, in Chinese (the operator's language). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset so that `FOO=` in a .env file means "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) {
    if (result.data.WECHATY_PUPPET === 'wechaty-puppet-service' && !result.data.WECHATY_PUPPET_SERVICE_TOKEN) {
      throw configError(['WECHATY_PUPPET_SERVICE_TOKEN：WECHATY_PUPPET 为 wechaty-puppet-service 时必须填写（服务商给的 token）']);
    }
    const missing = missingForOfficialAccount(result.data);
    if (missing.length > 0) throw configError(missing);
    return result.data;
  }
  throw configError(result.error.issues.map((issue) => `${issue.path.join('.')}：${problem(issue)}`));
}

const expectedKinds: Record<string, string> = { int: '整数', number: '数字', string: '文字', object: 'JSON 对象' };

function configError(lines: string[]): ConfigError {
  return new ConfigError(['配置有误：请在 .env 或环境变量中改正以下各项（删去一项即用默认值），再重新运行。', ...lines.map((line) => `  ${line}`)].join('\n'));
}

/** zod's own checks (numbers, ranges, lists) speak English: said here in Chinese; the schema's messages are Chinese already. */
function problem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? '缺少这一项' : `须为${expectedKinds[issue.expected] ?? issue.expected}`;
    case 'invalid_key':
      return '名称不对（模板字段名形如 thing1、time2）';
    case 'too_small':
      return issue.inclusive ? `不能小于 ${issue.minimum}` : `须大于 ${issue.minimum}`;
    case 'too_big':
      return issue.inclusive ? `不能大于 ${issue.maximum}` : `须小于 ${issue.maximum}`;
    case 'invalid_value':
      // A yes/no setting (stringbool) lists a dozen spellings of true and false.
      return issue.values.includes('true') ? '须为 true 或 false' : `须为 ${issue.values.map(String).join('、')} 之一`;
    default:
      return issue.message;
  }
}

export const officialAccountPuppet = 'official-account';

/** The official account needs its credentials, and the console's web server for WeChat's callbacks. */
function missingForOfficialAccount(config: Config): string[] {
  if (config.WECHATY_PUPPET !== officialAccountPuppet) return [];
  const required = ['OA_APP_ID', 'OA_APP_SECRET', 'OA_TOKEN'] as const;
  const lines = required.filter((name) => !config[name]).map((name) => `${name}：WECHATY_PUPPET 为 ${officialAccountPuppet} 时必须填写（公众号后台「设置与开发 → 基本配置」）`);
  if (config.WEB_PORT === 0) lines.push(`WEB_PORT：WECHATY_PUPPET 为 ${officialAccountPuppet} 时不能为 0（微信的回调从这个端口进来）`);
  return lines;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
