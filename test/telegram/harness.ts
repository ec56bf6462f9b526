import type { Bot } from 'grammy';
import type { BotContext } from '../../adapters/telegram/context.ts';
import type { AnswerResult } from '../../src/answer/answer.ts';
import { createLogger } from '../../src/logger.ts';
import type { IncomingMessage } from '../../src/message.ts';

export const TOKEN = '123456:TEST-token';
export const BOT_USERNAME = 'TestNameBot';
/** The emulator's getMe answers with this id. */
export const BOT_ID = 666;
export const ADMIN_ID = 4242;

export const ZH_QUESTION = '美国337调查的答辩期限是多久?';
export const EN_QUESTION = 'What is the Section 337 response deadline?';
/** Magic questions the wrapped service answers specially. */
export const LONG_QUESTION = 'please send the long test answer';
export const FAILING_QUESTION = 'please fail this one';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines land in an array, to check what was (and was not) logged. */
export function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = createLogger('debug', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** Records every Bot API call the bot makes, after grammY has built the payload. */
export function recordCalls() {
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const instrument = (bot: Bot<BotContext>) => {
    bot.api.config.use((prev, method, payload, signal) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return prev(method, payload, signal);
    });
  };
  return { calls, instrument };
}

export function longAnswer(): AnswerResult {
  const paragraph = (n: number) =>
    `Paragraph ${n}: under 19 U.S.C. § 1337 the respondent must answer within 20 days & keep <evidence> of every step. `.repeat(
      6,
    );
  const lead = Array.from({ length: 14 }, (_, i) => paragraph(i + 1)).join('\n\n');
  const citation = {
    id: 'fixture-337',
    title: 'Fixture: Section 337 <response>',
    collection: 'guide' as const,
    section: 'Key deadlines',
  };
  return {
    answer: `${lead}\n\nSources: Fixture: Section 337 response — Key deadlines\nGeneral information, not legal advice.`,
    sections: {
      lead,
      stepsTitle: 'First steps:',
      steps: [],
      citations: [citation],
      sourcesLine: 'Sources: Fixture: Section 337 response — Key deadlines',
      disclaimer: 'General information, not legal advice.',
    },
    lang: 'en',
    abstained: false,
    suggestAssistance: true,
    citations: [
      {
        id: 'fixture-337',
        title: 'Fixture: Section 337 <response>',
        collection: 'guide',
        section: 'Key deadlines',
      },
    ],
    timings: { retrieveMs: 1, totalMs: 1 },
  };
}

/** The real service, except for two magic questions: a very long answer and a failure. */
export function withTestAnswers<S extends { answer(m: IncomingMessage): Promise<AnswerResult> }>(
  service: S,
): S {
  return {
    ...service,
    async answer(message: IncomingMessage) {
      // An answer id so its buttons are drawn (the record behind it is not needed here).
      if (message.text === LONG_QUESTION) return { ...longAnswer(), answerId: 'long-answer' };
      if (message.text.startsWith(FAILING_QUESTION)) throw new Error('simulated failure in the core');
      return service.answer(message);
    },
  };
}

/** Telegram HTML well-formedness: every tag closed, in order. */
export function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/gu)) {
    if (!slash) stack.push(name as string);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

export const buttons = (message: {
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
}) => (message.reply_markup?.inline_keyboard ?? []).flat();
