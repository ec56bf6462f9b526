import { describe, expect, it } from 'vitest';
import { telegramSettings } from '../../adapters/telegram/settings.ts';
import { loadConfig } from '../../src/config/config.ts';
import { isIpriskError } from '../../src/errors.ts';
import { capturingLogger } from './harness.ts';

const settings = (env: Record<string, string>) =>
  telegramSettings(loadConfig({ TELEGRAM_BOT_TOKEN: '1:x', ...env }), capturingLogger().logger);

function configError(env: Record<string, string>): string {
  try {
    settings(env);
  } catch (error) {
    if (isIpriskError(error, 'CONFIG_INVALID')) return `${error.message} ${error.hint}`;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('Telegram settings', () => {
  it('defaults to polling against api.telegram.org with numeric admin ids only', () => {
    const log = capturingLogger();
    const s = telegramSettings(
      loadConfig({ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_ADMIN_IDS: '12, bob,34' }),
      log.logger,
    );
    expect(s).toMatchObject({ mode: 'polling', apiRoot: 'https://api.telegram.org' });
    expect([...s.adminIds]).toEqual(['12', '34']);
    expect(log.lines.some((l) => l.id === 'bob')).toBe(true);
  });

  it('fails fast when webhook mode lacks the URL or the secret, naming what is missing', () => {
    expect(configError({ TELEGRAM_MODE: 'webhook' })).toContain(
      'needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET',
    );
    expect(
      configError({ TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_URL: 'https://x.example/telegram/webhook' }),
    ).toContain('needs TELEGRAM_WEBHOOK_SECRET');
    expect(
      configError({
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://x.example/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: 'has spaces!',
      }),
    ).toContain('A-Z, a-z, 0-9');
  });

  it('accepts a complete webhook setup and strips a trailing slash from the API root', () => {
    expect(
      settings({
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://x.example/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: 's3cret_-',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      }),
    ).toMatchObject({ mode: 'webhook', webhookSecret: 's3cret_-', apiRoot: 'http://127.0.0.1:8081' });
  });
});
