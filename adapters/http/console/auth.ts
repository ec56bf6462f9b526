import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../../src/logger.ts';
import type { SessionStore } from '../../../src/sessions/session-store.ts';
import { bearerMatches, sameSecret } from '../respond.ts';

/** Admins do everything; staff read tickets and unanswered questions. */
export type Role = 'admin' | 'staff';

export interface ConsoleSession {
  role: Role;
  /** Every form carries it and every POST must return it. */
  csrf: string;
  createdAt: string;
}

export interface Caller {
  role: Role;
  /** A bearer token needs no CSRF token (no browser sends it by itself); a cookie does. */
  via: 'bearer' | 'cookie';
  sessionId?: string;
  session?: ConsoleSession;
}

export const SESSION_COOKIE = 'iprisk_console';
/** Ties the sign-in form to the browser that loaded it (double-submit), before any session exists. */
export const LOGIN_CSRF_COOKIE = 'iprisk_login_csrf';
export const SESSION_SECONDS = 8 * 3600;

/** Failed sign-ins allowed per address in the window before it must wait. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

export const newSecret = () => randomBytes(32).toString('base64url');

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim()));
  }
  return jar;
}

/** Behind a TLS-terminating proxy the cookie must be Secure; on plain localhost it cannot be. */
const secureSuffix = (req: IncomingMessage) =>
  req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';

export function setCookie(req: IncomingMessage, name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secureSuffix(req)}`;
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export interface ConsoleAuthDeps {
  sessions: SessionStore<ConsoleSession>;
  adminToken: string | undefined;
  staffToken: string | undefined;
  logger: Logger;
  now?: () => number;
}

/**
 * Sign-in with ADMIN_TOKEN or STAFF_TOKEN, sessions kept in the shared store (so every instance
 * knows them), failed sign-ins limited per address. Tokens are never logged.
 */
export function createConsoleAuth(deps: ConsoleAuthDeps) {
  const now = deps.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recentFailures = (address: string) =>
    (failures.get(address) ?? []).filter((at) => now() - at < FAILURE_WINDOW_MS);

  function roleOf(token: string): Role | undefined {
    if (sameSecret(token, deps.adminToken)) return 'admin';
    if (sameSecret(token, deps.staffToken)) return 'staff';
    return undefined;
  }

  return {
    enabled: () => Boolean(deps.adminToken || deps.staffToken),

    async signIn(
      token: string,
      address: string,
    ): Promise<
      | { ok: true; sessionId: string; session: ConsoleSession }
      | { ok: false; reason: 'wrong' | 'limited'; retryAfterSeconds?: number }
    > {
      const earlier = recentFailures(address);
      if (earlier.length >= MAX_FAILURES) {
        deps.logger.warn({ address }, 'console sign-in refused: too many failures from this address');
        const oldest = earlier[0] ?? now();
        return {
          ok: false,
          reason: 'limited',
          retryAfterSeconds: Math.ceil((FAILURE_WINDOW_MS - (now() - oldest)) / 1000),
        };
      }
      const role = roleOf(token);
      if (!role) {
        failures.set(address, [...earlier, now()]);
        deps.logger.warn({ address, failures: earlier.length + 1 }, 'console sign-in failed: wrong token');
        return { ok: false, reason: 'wrong' };
      }
      failures.delete(address);
      const sessionId = newSecret();
      const session: ConsoleSession = { role, csrf: newSecret(), createdAt: new Date(now()).toISOString() };
      await deps.sessions.set(sessionId, session, SESSION_SECONDS);
      deps.logger.info({ address, role }, 'console sign-in');
      return { ok: true, sessionId, session };
    },

    async signOut(sessionId: string): Promise<void> {
      await deps.sessions.delete(sessionId);
    },

    /** Who is calling: the bearer token first (the JSON API), else the console cookie. */
    async caller(req: IncomingMessage): Promise<Caller | undefined> {
      const header = req.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        if (bearerMatches(header, deps.adminToken)) return { role: 'admin', via: 'bearer' };
        if (bearerMatches(header, deps.staffToken)) return { role: 'staff', via: 'bearer' };
        return undefined;
      }
      const sessionId = cookiesOf(req).get(SESSION_COOKIE);
      if (!sessionId) return undefined;
      const session = await deps.sessions.get(sessionId);
      return session ? { role: session.role, via: 'cookie', sessionId, session } : undefined;
    },
  };
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;
