import { createInterface } from 'node:readline';
import type { Assistant } from '../../src/assistant/assistant.ts';
import type { Lang } from '../../src/text/lang.ts';

export const greeting = `iprisk — overseas IP risk assistant / 海外知识产权风险助手

Ask in English or Chinese. For example / 例如：
  • What is the response deadline in a Section 337 investigation?
  • 我们的货物在欧盟海关被扣留了，权利人要在多久内起诉？
  • RCEP对印度尼西亚是什么时候生效的？

Commands / 命令： /help  /lang zh|en|auto  /quit`;

const help = {
  en: 'Type a question about overseas IP risk. /lang zh|en pins the reply language (auto: follow each question), /quit leaves. Answers are general information, not legal advice.',
  zh: '请输入海外知识产权风险相关的问题。/lang zh|en 固定回复语言（auto：跟随问题语言），/quit 退出。回答为一般性信息，不构成法律意见。',
};

export interface ChatOptions {
  assistant: Assistant;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  sessionId: string;
}

/** The console adapter: a line-by-line chat on standard input and output. */
export async function runChat(options: ChatOptions): Promise<void> {
  const { assistant, output, sessionId } = options;
  const say = (text: string) => output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, terminal: false });
  let lang: Lang = 'en';
  say(greeting);
  output.write('\n> ');
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') {
      say(help[lang]);
    } else if (line.startsWith('/lang')) {
      const choice = line.split(/\s+/u)[1];
      if (choice === 'zh' || choice === 'en') {
        lang = choice;
        await assistant.setLanguage(sessionId, choice);
        say(choice === 'zh' ? '好的，之后用中文回答。' : 'OK, answers will be in English.');
      } else if (choice === 'auto') {
        await assistant.setLanguage(sessionId, undefined);
        say('OK: each answer follows the language of its question. / 好的：按问题的语言回答。');
      } else {
        say('Usage: /lang zh | en | auto');
      }
    } else if (line.startsWith('/')) {
      say(`Unknown command ${line.split(/\s+/u)[0]}. ${help[lang]}`);
    } else if (line.length > 0) {
      try {
        const result = await assistant.ask({ text: line, sessionId });
        lang = result.lang;
        say(`\n${result.answer}\n`);
      } catch (error) {
        say(`Sorry, something went wrong (${(error as Error).message}). Please try again.`);
      }
    }
    output.write('> ');
  }
  say('Bye / 再见');
  rl.close();
}
