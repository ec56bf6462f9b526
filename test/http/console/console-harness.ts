import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpServer } from '../../../adapters/http/server.ts';
import { fixtureKnowledge, startCore } from '../../helpers/fixture-core.ts';

export const ADMIN_TOKEN = 'console-admin-token-0123456789abcdef';
export const STAFF_TOKEN = 'console-staff-token-0123456789abcdef';

/**
 * The HTTP server with the console over a private copy of the fixture knowledge (answer cards
 * written in the console land in it), with admin and staff tokens.
 */
export async function startConsole(env: Record<string, string> = {}, knowledge?: string) {
  const knowledgeDir = knowledge ?? (await mkdtemp(join(tmpdir(), 'iprisk-console-kb-')));
  if (!knowledge) await cp(fixtureKnowledge, knowledgeDir, { recursive: true });
  const core = await startCore(knowledgeDir, { ADMIN_TOKEN, STAFF_TOKEN, ...env });
  const http = createHttpServer(core);
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  return {
    core,
    base,
    knowledgeDir,
    ask: (question: string, sessionId?: string) =>
      fetch(`${base}/v1/ask`, {
        method: 'POST',
        body: JSON.stringify({ question, ...(sessionId ? { sessionId } : {}) }),
      }).then(
        (res) =>
          res.json() as Promise<{
            abstained: boolean;
            answer: string;
            answerId?: string;
            citations: Array<{ id: string }>;
          }>,
      ),
    api: (
      path: string,
      init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
    ) =>
      fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.headers ?? {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    async close() {
      await http.close();
      await core.close();
      if (!knowledge) await rm(knowledgeDir, { recursive: true, force: true });
    },
  };
}

export type ConsoleHarness = Awaited<ReturnType<typeof startConsole>>;

/** Telegram users following what each text names (e.g. ['1', 'US lighting']). */
export async function followers(core: ConsoleHarness['core'], who: ReadonlyArray<readonly [string, string]>) {
  for (const [id, text] of who)
    await core.following.follow({ platform: 'telegram', userId: id, conversationId: id, lang: 'en' }, text);
}

/** Signs in through the form as a browser would; returns the cookie header and the CSRF token. */
export async function signIn(
  base: string,
  token: string,
): Promise<{ status: number; cookie: string; csrf: string }> {
  const page = await fetch(`${base}/admin`);
  const loginCsrf = /name="_csrf" value="([^"]+)"/u.exec(await page.text())?.[1] ?? '';
  const loginCookie =
    (page.headers.getSetCookie().find((c) => c.startsWith('iprisk_login_csrf=')) ?? '').split(';')[0] ?? '';
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: loginCsrf, token }).toString(),
  });
  const cookie =
    (res.headers.getSetCookie().find((c) => c.startsWith('iprisk_console=')) ?? '').split(';')[0] ?? '';
  if (!cookie) return { status: res.status, cookie: '', csrf: '' };
  const home = await fetch(`${base}/admin/unanswered`, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(await home.text())?.[1] ?? '';
  return { status: res.status, cookie, csrf };
}
