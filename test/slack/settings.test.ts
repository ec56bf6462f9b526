import { describe, expect, it } from 'vitest';
import { slackSettings } from '../../adapters/slack/settings.ts';
import { loadConfig } from '../../src/config/config.ts';

const settingsFor = (env: Record<string, string>) => () => slackSettings(loadConfig(env));

describe('Slack settings', () => {
  it('defaults to Socket Mode and needs SLACK_APP_TOKEN there', () => {
    expect(settingsFor({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: 'SLACK_MODE=socket needs SLACK_APP_TOKEN.',
      }),
    );
    expect(settingsFor({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })().transport).toEqual({
      mode: 'socket',
      appToken: 'xapp-1',
    });
  });

  it('needs SLACK_SIGNING_SECRET in HTTP mode', () => {
    expect(settingsFor({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: 'SLACK_MODE=http needs SLACK_SIGNING_SECRET.',
      }),
    );
  });

  it('reads the API URL and admin ids', () => {
    const settings = settingsFor({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 's',
      SLACK_ADMIN_IDS: 'U1, U2',
    })();
    expect(settings.apiUrl).toBe('https://slack.com/api/');
    expect([...settings.adminIds]).toEqual(['U1', 'U2']);
  });
});
