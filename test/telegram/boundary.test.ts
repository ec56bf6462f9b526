import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { describeError, redactToken } from '../../adapters/telegram/boundary.ts';
import { IpriskError } from '../../src/errors.ts';

const URL_WITH_TOKEN =
  'request to http://127.0.0.1:1/bot123456:AAbb-cc_DD/getMe failed, reason: connect ECONNREFUSED';

describe('error descriptions for the log', () => {
  it('never carry the bot token', () => {
    const inner = Object.assign(new Error(URL_WITH_TOKEN), { name: 'FetchError', code: 'ECONNREFUSED' });
    const described = describeError(new HttpError("Network request for 'getMe' failed!", inner));
    expect(described).toEqual({
      name: 'HttpError',
      message: "Network request for 'getMe' failed!",
      cause: { name: 'FetchError', code: 'ECONNREFUSED' },
    });
    expect(JSON.stringify(describeError(new Error(URL_WITH_TOKEN)))).not.toContain('AAbb');
    expect(
      JSON.stringify(
        describeError(new IpriskError('CONFIG_INVALID', 'x', { cause: new Error(URL_WITH_TOKEN) })),
      ),
    ).not.toContain('AAbb');
    expect(redactToken(URL_WITH_TOKEN)).toContain('/bot<token>/getMe');
  });

  it('keep what a Bot API refusal says, without the payload', () => {
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      'sendMessage',
      { chat_id: 1, text: 'the whole answer text' },
    );
    expect(describeError(error)).toEqual({
      name: 'GrammyError',
      method: 'sendMessage',
      errorCode: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
  });
});
