import type { Composer } from 'grammy';
import { answerQuestion } from './answer.ts';
import { reply } from './commands.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { questionFrom, repliesToBot } from './groups.ts';
import { texts } from './texts.ts';

/** Text questions, unknown commands and media; registered after the commands. */
export function installMessages(bot: Composer<BotContext>, deps: TelegramDeps): void {
  bot.on('message:text', async (ctx) => {
    const message = ctx.message;
    const command = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
    if (command) {
      // Commands we know were handled before this; others are unknown, unless meant for another bot.
      const [, target] = message.text.slice(0, command.length).split('@');
      const forUs = target === undefined || target.toLowerCase() === ctx.me.username.toLowerCase();
      if (forUs && (message.chat.type === 'private' || target !== undefined))
        await reply(ctx, deps, texts.unknownCommand[userLang(ctx)]);
      return;
    }
    const question = questionFrom(message, ctx.me);
    if (question === undefined) return;
    if (question === '') {
      await reply(ctx, deps, texts.welcome[userLang(ctx)]);
      return;
    }
    await answerQuestion(ctx, deps, question);
  });

  bot.on(
    [
      'message:photo',
      'message:sticker',
      'message:voice',
      'message:audio',
      'message:video',
      'message:video_note',
      'message:animation',
      'message:document',
    ],
    async (ctx) => {
      if (ctx.message.chat.type !== 'private' && !repliesToBot(ctx.message, ctx.me)) return;
      await reply(ctx, deps, texts.nonText[userLang(ctx)]);
    },
  );
}
