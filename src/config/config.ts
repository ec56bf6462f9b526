import { z } from 'zod';
import { IpriskError } from '../errors.ts';

const idList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const urlWithDefault = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : value.trim()))
    .pipe(z.string().url());

const envSchema = z.object({
  KNOWLEDGE_DIR: z.string().default('./knowledge'),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: optionalString.pipe(z.string().url().optional()),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listen address of `serve`; 0.0.0.0 (every interface) unless set, e.g. 127.0.0.1 behind a proxy. */
  HOST: optionalString.pipe(
    z
      .string()
      .regex(/^[\w.:-]+$/u, 'HOST: an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0')
      .optional(),
  ),
  // A short token can be guessed; 24 characters is what `openssl rand -hex 12` gives.
  ADMIN_TOKEN: optionalString.pipe(
    z
      .string()
      .min(24, 'ADMIN_TOKEN must be at least 24 characters; generate one with `openssl rand -hex 24`')
      .optional(),
  ),
  /** Optional read-only console access for staff (tickets and unanswered questions). */
  STAFF_TOKEN: optionalString.pipe(
    z
      .string()
      .min(24, 'STAFF_TOKEN must be at least 24 characters; generate one with `openssl rand -hex 24`')
      .optional(),
  ),
  /** Questions one user may ask per minute (every platform); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  /** Files in KNOWLEDGE_DIR larger than this are skipped with a reason. */
  KNOWLEDGE_MAX_FILE_KB: z.coerce.number().int().positive().default(512),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: urlWithDefault('https://api.telegram.org'),
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.string().url().optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_ADMIN_IDS: idList,
  TELEGRAM_STAFF_CHAT_ID: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_MODE: z.enum(['socket', 'http']).default('socket'),
  SLACK_API_URL: urlWithDefault('https://slack.com/api/'),
  SLACK_TRIAGE_CHANNEL: optionalString,
  SLACK_ADMIN_IDS: idList,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.string().url().optional()),
  CHAT_MODEL: z.string().default('gpt-4o-mini'),
  // LLM mode operations: how long one model call may take, retries (with backoff) after a failure,
  // the longest answer, and the sampling temperature (0: the same passages give the same answer).
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LLM_MAX_TOKENS: z.coerce.number().int().min(64).max(4096).default(500),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  PROMPTS_DIR: z.string().default('./prompts'),
  EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  RELOAD_SMOKE_EVAL: z.string().default('./test/eval/tune'),
  RELOAD_SMOKE_MIN_HIT: z.coerce.number().min(0).max(1).default(0.8),
  RELOAD_SMOKE_MIN_ABSTAIN: z.coerce.number().min(0).max(1).default(0.9),
  TICKET_RETENTION_DAYS: z.coerce.number().int().positive().default(180),
  // Unanswered questions and 👎 answers kept for admins: this many days, at most UNANSWERED_MAX entries.
  UNANSWERED_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  UNANSWERED_MAX: z.coerce.number().int().positive().max(100_000).default(5000),
  // Notices to followers, per platform, in messages per second (Telegram allows about 30 a
  // second across chats, Slack about one a second per channel); NOTICE_POLL_MS: how often an idle
  // sender looks for notices queued by another instance or `iprisk warn`.
  NOTICE_RATE_TELEGRAM: z.coerce.number().positive().max(30).default(25),
  NOTICE_RATE_SLACK: z.coerce.number().positive().max(50).default(1),
  NOTICE_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  SLA_MINUTES_URGENT: z.coerce.number().int().positive().default(60),
  SLA_MINUTES_HIGH: z.coerce.number().int().positive().default(240),
  SLA_MINUTES_NORMAL: z.coerce.number().int().positive().default(1440),
  SLA_MINUTES_LOW: z.coerce.number().int().positive().default(4320),
  // Where staff read ticket times in chats that cannot show each reader's own zone (Telegram, CLI).
  STAFF_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'use an IANA time zone name such as Asia/Shanghai or Europe/Berlin' },
    ),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

/**
 * The only place that reads the environment. A bad value stops the start with the variable's
 * name and what it accepts, rather than failing later somewhere less obvious.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new IpriskError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, {
      hint: 'Fix these variables in your environment or .env file; .env.example documents each one.',
    });
  }
  const config = parsed.data;
  if (config.EMBEDDINGS === 'openai' && !config.OPENAI_API_KEY) {
    throw new IpriskError('CONFIG_INVALID', 'EMBEDDINGS=openai needs OPENAI_API_KEY.', {
      hint: 'Set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server) or use EMBEDDINGS=local.',
    });
  }
  return config;
}
