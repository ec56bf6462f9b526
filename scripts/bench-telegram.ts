/**
 * Telegram adapter throughput: the Bot API emulator, the fixture core and the real bot in
 * polling mode; 50 chats each send 10 questions back to back, all chats at once.
 * Checks every question got exactly one answer, in order, and prints the median time from
 * update received (first middleware) to sendMessage issued (API transformer), plus wall time.
 *
 *   npx tsx scripts/bench-telegram.ts [--redis] [--chats N] [--questions N]
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { Bot } from 'grammy';
import { createHttpServer } from '../adapters/http/server.ts';
import type { BotContext } from '../adapters/telegram/context.ts';
import { startTelegram } from '../adapters/telegram/index.ts';
import { startCore } from '../test/helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../test/helpers/redis-server.ts';
import { startEmulator } from '../test/telegram/emulator.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const CHATS = option('--chats', 50);
const QUESTIONS = option('--questions', 10);
const TOKEN = '424242:BENCH';
const questions = [
  { text: '美国337调查的答辩期限是多久?', expect: '20天' },
  { text: 'What is the Section 337 response deadline?', expect: '20 days' },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function main() {
  const redis: RedisServer | undefined = args.includes('--redis') ? await startRedis() : undefined;
  const emulator = await startEmulator();
  const core = await startCore(undefined, {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    ...(redis ? { REDIS_URL: redis.url } : {}),
  });

  const received = new AsyncLocalStorage<{ at: number; sent: boolean }>();
  const latencies: number[] = [];
  const instrument = (bot: Bot<BotContext>) => {
    bot.use((_ctx, next) => received.run({ at: performance.now(), sent: false }, next));
    bot.api.config.use((prev, method, payload, signal) => {
      const update = received.getStore();
      if (method === 'sendMessage' && update && !update.sent) {
        update.sent = true;
        latencies.push(performance.now() - update.at);
      }
      return prev(method, payload, signal);
    });
  };
  // The core's own answering time, to tell the adapter's share from the core's.
  let coreMs = 0;
  const service = {
    ...core.service,
    async answer(message: Parameters<typeof core.service.answer>[0]) {
      const result = await core.service.answer(message);
      coreMs += result.timings.totalMs;
      return result;
    },
  };
  const adapter = await startTelegram({ ...core, service }, createHttpServer(core), { instrument });

  // Unloaded: one question at a time, each waiting for its answer (also warms the core up).
  const single = emulator.chat(TOKEN, { chatId: 9_999, userId: 9_999 });
  for (let q = 0; q < 20; q++) {
    await single.client.sendMessage(single.client.makeMessage(questions[q % questions.length]?.text ?? ''));
    await single.waitFor(q + 1);
  }
  const unloaded = [...latencies].sort((a, b) => a - b);
  latencies.length = 0;
  coreMs = 0;

  const started = performance.now();
  const chats = Array.from({ length: CHATS }, (_, i) =>
    emulator.chat(TOKEN, { chatId: 10_000 + i, userId: 10_000 + i }),
  );
  const results = await Promise.all(
    chats.map(async (chat) => {
      for (let q = 0; q < QUESTIONS; q++) {
        const question = questions[q % questions.length]?.text ?? '';
        await chat.client.sendMessage(chat.client.makeMessage(question));
      }
      await chat.waitFor(QUESTIONS, 120_000).catch(() => undefined);
      return chat;
    }),
  );
  const wallMs = performance.now() - started;
  // Give a doubled answer time to show up before counting.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  let lost = 0;
  let doubled = 0;
  let outOfOrder = 0;
  for (const chat of results) {
    await chat.settle(0);
    const count = chat.inbox.length;
    if (count < QUESTIONS) lost += QUESTIONS - count;
    if (count > QUESTIONS) doubled += count - QUESTIONS;
    chat.inbox.forEach((answer, q) => {
      if (!answer.message.text.includes(questions[q % questions.length]?.expect ?? '')) outOfOrder++;
    });
  }

  await adapter.stop();
  await emulator.stop();
  await core.close();
  await redis?.stop();

  const sorted = [...latencies].sort((a, b) => a - b);
  const total = CHATS * QUESTIONS;
  const ok = lost === 0 && doubled === 0 && outOfOrder === 0;
  console.log(
    [
      `telegram bench (${redis ? 'Redis' : 'memory'} store): ${CHATS} chats x ${QUESTIONS} questions = ${total}`,
      `answers: ${total - lost + doubled} lost=${lost} doubled=${doubled} wrong-or-out-of-order=${outOfOrder}`,
      `unloaded (1 chat, 1 question at a time): update received -> sendMessage issued p50=${percentile(unloaded, 50).toFixed(1)}ms p95=${percentile(unloaded, 95).toFixed(1)}ms`,
      `under load: update received -> sendMessage issued: p50=${percentile(sorted, 50).toFixed(1)}ms p95=${percentile(sorted, 95).toFixed(1)}ms max=${(sorted.at(-1) ?? Number.NaN).toFixed(1)}ms (n=${sorted.length})`,
      `wall time: ${(wallMs / 1000).toFixed(2)}s (${((total / wallMs) * 1000).toFixed(0)} answers/s); core answer time ${(coreMs / 1000).toFixed(2)}s summed over questions (${(coreMs / total).toFixed(1)}ms mean; overlaps while awaiting Redis)`,
      ok ? 'result: OK' : 'result: FAILED',
    ].join('\n'),
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
