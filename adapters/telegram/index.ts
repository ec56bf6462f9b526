import type { Core } from '../../src/core.ts';
import { IpriskError } from '../../src/errors.ts';
import type { RunningAdapter } from '../adapter.ts';
import type { HttpServer } from '../http/server.ts';

/** Starts the Telegram adapter (grammY) in polling or webhook mode. */
export async function startTelegram(_core: Core, _http: HttpServer): Promise<RunningAdapter> {
  throw new IpriskError('CONFIG_INVALID', 'The Telegram adapter is not available in this build.', {
    hint: 'Unset TELEGRAM_BOT_TOKEN to run without Telegram.',
  });
}
