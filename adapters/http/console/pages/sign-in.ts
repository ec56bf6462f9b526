import type { Lang } from '../../../../src/text/lang.ts';
import { copyIn } from '../copy.ts';
import { type Html, html } from '../html.ts';

/** The sign-in form; `csrf` ties it to the browser that loaded it. */
export function signInBody(lang: Lang, csrf: string, enabled: boolean): Html {
  const t = copyIn(lang);
  if (!enabled) return html`<p class="notice error" role="alert">${t('signInDisabled')}</p>`;
  return html`<form method="post" action="/admin/login" class="stack">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="token">${t('signInToken')}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">${t('signInButton')}</button>
</form>`;
}
