import type { App, types, webApi } from '@slack/bolt';
import type { CheckQuestion } from '../../src/alerts/risk-check-data.ts';
import { checkCopy } from '../../src/copy/check.ts';
import type { Lang } from '../../src/text/lang.ts';
import { noticeMessage } from './blocks.ts';
import { COMMAND, FOLLOW_COMMAND } from './commands.ts';
import type { SlackDeps } from './deps.ts';

export const CHECK_VIEW = 'iprisk_check';
const VALUE = 'value';

interface ViewValue {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
}

/** One question as a modal field: text, checkboxes or a yes/no choice. */
function field(deps: SlackDeps, q: CheckQuestion, lang: Lang): types.KnownBlock {
  const { yes, no } = deps.riskCheck.data().yes_no;
  const option = (value: string, text: string) => ({
    value,
    text: { type: 'plain_text' as const, text: text.slice(0, 75) },
  });
  const element =
    q.kind === 'multi'
      ? {
          type: 'checkboxes' as const,
          action_id: VALUE,
          options: q.options.map((o) => option(o.id, o[lang])),
        }
      : q.kind === 'yes-no'
        ? {
            type: 'radio_buttons' as const,
            action_id: VALUE,
            options: [option('yes', yes[lang]), option('no', no[lang])],
          }
        : { type: 'plain_text_input' as const, action_id: VALUE, max_length: 300 };
  return {
    type: 'input',
    block_id: q.id,
    optional: q.kind === 'multi' || q.kind === 'registered',
    label: { type: 'plain_text', text: q.form[lang] },
    element,
  };
}

/** `/iprisk check`: the risk check as one modal; the checklist arrives in the user's DM. */
export async function openCheck(
  deps: SlackDeps,
  client: webApi.WebClient,
  triggerId: string,
  lang: Lang,
): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: {
      type: 'modal',
      callback_id: CHECK_VIEW,
      private_metadata: lang,
      title: { type: 'plain_text', text: lang === 'zh' ? '出口前风险自查' : 'Pre-export risk check' },
      submit: { type: 'plain_text', text: lang === 'zh' ? '生成清单' : 'Get my checklist' },
      close: { type: 'plain_text', text: checkCopy.cancel[lang] },
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: checkCopy.intro[lang] } },
        ...deps.riskCheck.questions().map((q) => field(deps, q, lang)),
      ],
    },
  });
}

export function registerCheck(app: App, deps: SlackDeps): void {
  app.view(CHECK_VIEW, async ({ ack, body, view, client }) => {
    const lang: Lang = view.private_metadata === 'zh' ? 'zh' : 'en';
    const values = view.state.values as Record<string, Record<string, ViewValue>>;
    const read = (id: string) => values[id]?.[VALUE];
    const { state, problems } = deps.riskCheck.fromForm(lang, {
      markets: read('markets')?.value ?? '',
      ipTypes: (read('ip_types')?.selected_options ?? []).map((o) => o.value),
      channels: (read('channels')?.selected_options ?? []).map((o) => o.value),
      registered: read('registered')?.value ?? '',
      ...(read('selling')?.selected_option ? { selling: read('selling')?.selected_option?.value } : {}),
      ...(read('patent_search')?.selected_option
        ? { patentSearch: read('patent_search')?.selected_option?.value }
        : {}),
    });
    const errors = Object.fromEntries(
      Object.entries(problems).map(([id, problem]) => [id, checkCopy.problem(problem, lang)]),
    );
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const list = await deps.riskCheck.checklist(state);
    const message = noticeMessage(
      checkCopy.checklist(list, { assist: `${COMMAND} assist`, follow: FOLLOW_COMMAND }),
    );
    await client.chat.postMessage({
      channel: body.user.id,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  });
}
