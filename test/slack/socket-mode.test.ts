import { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpServer } from '../../adapters/http/server.ts';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { startSlack } from '../../adapters/slack/index.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { sleep, testRetryConfig } from './harness.ts';

/** Bolt keeps these private; comparing their sizes shows both transports got the same wiring. */
const registered = (app: unknown) => {
  const inner = app as { listeners: unknown[]; middleware: unknown[] };
  return { listeners: inner.listeners.length, middleware: inner.middleware.length };
};

describe('Slack adapter in Socket Mode (wiring, no network)', () => {
  let redis: RedisServer;
  let api: FakeSlackApi;
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    redis = await startRedis();
    api = await startFakeSlackApi();
    core = await startCore(undefined, {
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: api.apiUrl,
    });
  });
  afterAll(async () => {
    await core?.close();
    await api?.stop();
    await redis?.stop();
  });

  it('uses the SocketModeReceiver by default, with the same listeners as HTTP mode', () => {
    const socket = createSlackApp(core, { retryConfig: testRetryConfig });
    expect(core.config.SLACK_MODE).toBe('socket');
    expect(socket.mode).toBe('socket');
    expect(socket.receiver).toBeInstanceOf(SocketModeReceiver);

    const http = createSlackApp({ ...core, config: { ...core.config, SLACK_MODE: 'http' } });
    expect(http.receiver).toBeInstanceOf(HTTPReceiver);
    expect(registered(socket.app)).toEqual(registered(http.app));
    expect(registered(socket.app).listeners).toBeGreaterThanOrEqual(5);
  });

  it('answers an event delivered over the socket once, without connecting', async () => {
    const slack = createSlackApp(core, { retryConfig: testRetryConfig });
    if (slack.mode !== 'socket') throw new Error('expected socket mode');
    const start = vi.spyOn(slack.receiver, 'start');
    await slack.app.init();
    expect(api.callsTo('auth.test').length).toBeGreaterThan(0);

    const body = {
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'EvSocket1',
      event_time: 1,
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'DS1',
        user: 'U1',
        text: 'What is the Section 337 response deadline?',
        ts: '1.1',
      },
    };
    const ack = vi.fn(async () => undefined);
    // What SocketModeClient emits for an events_api envelope; the redelivery carries retry_num.
    slack.receiver.client.emit('slack_event', { ack, envelope_id: 'env-1', body, retry_num: undefined });
    slack.receiver.client.emit('slack_event', { ack, envelope_id: 'env-2', body, retry_num: 1 });

    const call = await api.waitFor((calls) =>
      calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'DS1'),
    );
    expect(call.body.text).toContain('20 days');
    await sleep(300);
    expect(api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DS1')).toHaveLength(1);
    expect(ack).toHaveBeenCalledTimes(2);
    expect(start).not.toHaveBeenCalled();
  });

  it('fails the start with CONFIG_INVALID when Slack refuses the app-level token', async () => {
    api.replyOnce('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    await expect(
      startSlack(core, createHttpServer(core), { retryConfig: testRetryConfig }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('SLACK_APP_TOKEN'),
    });
  });
});
