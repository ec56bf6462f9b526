import { InlineKeyboard } from 'grammy';
import { assistance } from '../../src/copy/product.ts';
import type { Lang } from '../../src/text/lang.ts';

export type ButtonAction = 'up' | 'down' | 'sources' | 'assist';

// callback_data is limited to 64 bytes, so buttons carry a short code and the answer's id only.
const codes: Record<ButtonAction, string> = { up: 'fb+', down: 'fb-', sources: 'src', assist: 'ast' };
const actions = new Map(Object.entries(codes).map(([action, code]) => [code, action as ButtonAction]));

export const callbackPattern = /^(fb\+|fb-|src|ast):([\w-]{1,32})$/u;

export function callbackData(action: ButtonAction, answerId: string): string {
  return `${codes[action]}:${answerId}`;
}

export function parseCallback(data: string): { action: ButtonAction; answerId: string } | undefined {
  const match = callbackPattern.exec(data);
  const action = match?.[1] ? actions.get(match[1]) : undefined;
  return action && match?.[2] ? { action, answerId: match[2] } : undefined;
}

const labels: Record<'sources' | 'assist', Record<Lang, string>> = {
  sources: { en: 'Sources', zh: '来源' },
  assist: assistance.action,
};

export function answerKeyboard(
  answerId: string,
  lang: Lang,
  options: { sources: boolean; assist: boolean },
): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text('👍', callbackData('up', answerId))
    .text('👎', callbackData('down', answerId));
  if (options.sources) keyboard.text(labels.sources[lang], callbackData('sources', answerId));
  if (options.assist) keyboard.row().text(labels.assist[lang], callbackData('assist', answerId));
  return keyboard;
}
