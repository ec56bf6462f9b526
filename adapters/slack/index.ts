import type { Core } from '../../src/core.ts';
import { IpriskError } from '../../src/errors.ts';
import type { RunningAdapter } from '../adapter.ts';
import type { HttpServer } from '../http/server.ts';

/** Starts the Slack adapter (Bolt) in Socket Mode or HTTP mode. */
export async function startSlack(_core: Core, _http: HttpServer): Promise<RunningAdapter> {
  throw new IpriskError('CONFIG_INVALID', 'The Slack adapter is not available in this build.', {
    hint: 'Unset SLACK_BOT_TOKEN to run without Slack.',
  });
}
