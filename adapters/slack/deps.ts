import type { Metrics } from '../../src/admin/metrics.ts';
import type { Following } from '../../src/alerts/following.ts';
import type { Notices } from '../../src/alerts/notices.ts';
import type { RiskCheck } from '../../src/alerts/risk-check.ts';
import type { FollowNames } from '../../src/copy/alerts.ts';
import type { Logger } from '../../src/logger.ts';
import type { Service } from '../../src/service/service.ts';
import type { Triage } from '../../src/triage/triage.ts';
import type { SlackSettings } from './settings.ts';
import type { SlackStores } from './stores.ts';

/** Everything the listeners use, passed in so tests and both transports share one wiring. */
export interface SlackDeps {
  service: Service;
  /** The assistance-request workflow (intake, staff actions, relays). */
  triage: Triage;
  logger: Logger;
  metrics: Metrics;
  stores: SlackStores;
  /** botToken and apiUrl: shared files are downloaded with the bot token, from Slack only. */
  settings: Pick<SlackSettings, 'adminIds' | 'triageChannel' | 'sessionTtlSeconds' | 'botToken' | 'apiUrl'>;
  /** Short ids for stored answers. */
  newId: () => string;
  /** What exporters follow (/iprisk follow …) and the names to show it by. */
  following: Following;
  followNames: (command: string) => FollowNames;
  /** Change notices and warnings: /iprisk warnings, and the buttons under a notice. */
  notices: Notices;
  /** The pre-export risk check (/iprisk check). */
  riskCheck: RiskCheck;
}
