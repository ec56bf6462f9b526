import type { Core } from '../../../../src/core.ts';
import type { Lang } from '../../../../src/text/lang.ts';
import { staffTime } from '../../../../src/triage/format.ts';
import type { Caller } from '../auth.ts';
import type { CopyKey } from '../copy.ts';
import type { Html } from '../html.ts';
import type { Section } from '../layout.ts';

/** What every page is drawn from. */
export interface PageContext {
  core: Core;
  lang: Lang;
  t: (key: CopyKey) => string;
  caller: Caller;
  url: URL;
  now: Date;
  /** Form fields of a POST that is drawn again (a preview, a refused note). */
  form?: URLSearchParams;
}

export interface PageView {
  title: string;
  active: Section;
  body: Html;
  notice?: { text: string; kind: 'ok' | 'error' };
}

/** Times as staff read them elsewhere (STAFF_TIME_ZONE). */
export const timeOf = (ctx: PageContext, iso: string) => staffTime(iso, ctx.core.config.STAFF_TIME_ZONE);
