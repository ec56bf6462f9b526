import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTicketInput } from '../../helpers/tickets.ts';
import { ADMIN_TOKEN, type ConsoleHarness, followers, startConsole } from './console-harness.ts';

/** Where the run leaves a screenshot of each page (not committed). */
const shots = fileURLToPath(new URL('../../../test-results/console/', import.meta.url));
const UNCOVERED = 'How long is the trademark opposition period in Chile?';

describe('admin console in a browser (Debian chromium, headless)', () => {
  let c: ConsoleHarness;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    c = await startConsole();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox'],
    });
    page = await browser.newPage({ locale: 'en-US' });
    // A missing element fails in seconds, not at the test's timeout.
    page.setDefaultTimeout(5_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('refuses a wrong token, signs in with ADMIN_TOKEN and shows the serving version', async () => {
    await page.goto(`${c.base}/admin`);
    await page.getByLabel('Access token').fill('not-the-token-0123456789abcdefgh');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await page.getByRole('alert').textContent())?.trim()).toBe('That token is not valid.');
    await shot('sign-in');
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Overview');
    expect(await page.getByTestId('serving-version').textContent()).toBe(c.core.service.indexVersion());
    const cookie = (await page.context().cookies()).find((k) => k.name === 'iprisk_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await shot('overview');
  });

  it('shows an uncovered question asked twice once, with count 2', async () => {
    expect((await c.ask(UNCOVERED)).abstained).toBe(true);
    expect((await c.ask(UNCOVERED)).abstained).toBe(true);
    await page.getByRole('link', { name: 'Unanswered' }).click();
    const rows = page.getByTestId('unanswered').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect((await rows.first().locator('.question').textContent())?.trim()).toBe(UNCOVERED);
    expect((await rows.first().getByTestId('count').textContent())?.trim()).toBe('2');
    await shot('unanswered');
  });

  it('writes an answer card for it, previews and reloads, and the question is then answered citing the card', async () => {
    await page.getByRole('link', { name: 'Write an answer card' }).click();
    await page
      .getByLabel('Answer', { exact: true })
      .fill(
        'In Chile a trademark opposition is filed within 30 working days of publication of the application in the Diario Oficial.',
      );
    await page.getByLabel('Markets').fill('CL');
    await page.getByLabel('trademark').check();
    await page
      .getByLabel('Sources')
      .fill('Ley 19.039 de Propiedad Industrial | https://www.bcn.cl/leychile/navegar?idNorma=30406');
    await shot('answer-card');
    await page.getByRole('button', { name: 'Save the card' }).click();
    expect(await page.getByRole('status').textContent()).toContain('notes/note-');
    await followers(c.core, [['21', 'Chile']]);
    await page.getByRole('button', { name: 'Preview reload' }).click();
    expect(await page.getByTestId('reload-preview').textContent()).toContain('Added (1)');
    // The new note concerns Chile's follower; the admin decides it is not news for them.
    const planned = page.getByTestId('planned-notices');
    expect(await planned.textContent()).toContain('Chile (followers: 1)');
    await planned.getByLabel('No notice').check();
    await page.getByRole('button', { name: 'Reload now' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Reloaded');
    expect(await page.getByRole('status').textContent()).toContain('0 notices queued');
    expect(await c.core.notices.recent(undefined)).toEqual([]);
    await shot('knowledge');

    const answer = await c.ask(UNCOVERED);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('30 working days');
    expect(answer.citations[0]?.id).toMatch(/^note-/u);
    await page.getByRole('link', { name: 'Unanswered' }).click();
    expect(await page.getByTestId('unanswered').locator('tbody tr').first().textContent()).toContain(
      'covered by note-',
    );
  });

  it('refuses a POST without the CSRF token', async () => {
    const cookie = (await page.context().cookies()).find((k) => k.name === 'iprisk_console');
    const res = await fetch(`${c.base}/admin/knowledge/rollback`, {
      method: 'POST',
      headers: {
        cookie: `iprisk_console=${cookie?.value}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(c.core.service.indexVersion()).toBe(
      await page.goto(`${c.base}/admin`).then(() => page.getByTestId('serving-version').textContent()),
    );
  });

  it('tries a question and shows why it answered', async () => {
    await page.getByRole('link', { name: 'Try it' }).click();
    await page.getByLabel('Question', { exact: true }).fill('When did RCEP enter into force for Japan?');
    await page.getByRole('button', { name: 'Ask' }).click();
    expect(await page.getByTestId('try-result').textContent()).toContain('2022');
    expect(await page.getByTestId('explanation').textContent()).toContain('Route');
    await shot('try');
  });

  it('lists feedback and tickets, with a ticket’s history', async () => {
    const answer = await c.ask('When did RCEP enter into force for Japan?');
    await c.core.service.castVote(answer.answerId ?? '', { platform: 'telegram', userId: '7', vote: 'down' });
    await page.getByRole('link', { name: 'Feedback' }).click();
    expect(await page.locator('main').textContent()).toContain('👎 1');
    await shot('feedback');
    const ticket = await c.core.triage.submit(
      { platform: 'telegram', userId: '7', conversationId: '7', lang: 'en' },
      sampleTicketInput({ deadline: '2030-01-01' }),
    );
    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('link', { name: ticket.id }).click();
    expect(await page.locator('main').textContent()).toContain('Ningbo Lighting Co.');
    expect(await page.locator('main ol').textContent()).toContain('submitted');
    await page.goto(`${c.base}/admin/tickets`);
    await shot('tickets');
  });

  it('writes a warning to lighting followers: the preview shows both languages and the reach, Send queues as many', async () => {
    await followers(c.core, [
      ['31', 'US lighting'],
      ['32', 'VN 照明'],
      ['33', 'US toys'],
    ]);
    await page.getByRole('link', { name: 'Warnings' }).click();
    await page.getByLabel('Lighting').check();
    await page
      .getByLabel('Warning in English')
      .fill('Schedule A filings against lighting sellers are rising');
    await page.getByLabel('Warning in Chinese').fill('针对照明卖家的 Schedule A 起诉增多');
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.getByTestId('warning-reach').textContent()).toBe('2');
    expect(await page.getByTestId('warning-preview').textContent()).toContain('⚠️ 风险预警 · 照明');
    await shot('warning-preview');
    await page.getByRole('button', { name: 'Send to these followers (2)' }).click();
    expect(await page.locator('.notice').textContent()).toContain('2');
    expect(await page.getByTestId('notices-log').textContent()).toContain(
      'Schedule A filings against lighting sellers',
    );
    await shot('notices');
  });

  it('switches to Chinese, fits a phone screen and labels every field', async () => {
    await page.goto(`${c.base}/admin/unanswered`);
    await page.getByRole('link', { name: '中文' }).click();
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('未答问题');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${c.base}/admin`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
    await shot('overview-phone-zh');
    for (const path of ['/admin', '/admin/knowledge', '/admin/try', '/admin/tickets', '/admin/notices']) {
      await page.goto(`${c.base}${path}`);
      const unlabeled = await page.evaluate(() =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter((el) => (el as HTMLInputElement).labels?.length === 0)
          .map((el) => el.outerHTML),
      );
      expect(unlabeled).toEqual([]);
    }
  });
});
