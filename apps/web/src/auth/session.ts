/**
 * The signed-in session. The access token lives in memory only; the refresh token is kept in
 * sessionStorage (this tab, until it closes) so that a reload does not sign the user out. The
 * access token is renewed with the refresh token before it expires, and once more when the api
 * answers 401; when that fails too the session has ended and the app says so.
 */
export interface Session {
  municipality: string;
  username: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  accessExpiresAt: number;
}

export type EndReason = 'signed-out' | 'expired';

interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const STORAGE_KEY = 'nf.session';

let current: Session | null = null;
let ended: EndReason | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const currentSession = (): Session | null => current;
export const endReason = (): EndReason | null => ended;

function remember(session: Session | null): void {
  current = session;
  clearTimeout(timer);
  if (session) {
    ended = null;
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        municipality: session.municipality,
        username: session.username,
        refreshToken: session.refreshToken,
      }),
    );
    // Renew when four fifths of the token's life have passed (at most a minute before it ends).
    const life = session.accessExpiresAt - Date.now();
    const renewIn = Math.max(1_000, Math.min(life * 0.8, life - 60_000));
    timer = setTimeout(() => void refresh(), renewIn);
  } else {
    sessionStorage.removeItem(STORAGE_KEY);
  }
  emit();
}

function fromIssued(municipality: string, username: string, issued: IssuedSession): Session {
  return {
    municipality,
    username,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    accessExpiresAt: Date.now() + issued.expiresIn * 1000,
  };
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Signs in; throws the api's answer (a Response) when it refuses. */
export async function signIn(
  municipality: string,
  username: string,
  password: string,
): Promise<void> {
  const response = await postJson('/api/v1/auth/login', { municipality, username, password });
  if (!response.ok) throw response;
  remember(fromIssued(municipality, username, (await response.json()) as IssuedSession));
}

/** Renews the access token; false (and the session ended as expired) when the api refuses. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const stored = current ?? restore();
    if (!stored) return false;
    try {
      const response = await postJson('/api/v1/auth/refresh', {
        refreshToken: stored.refreshToken,
      });
      if (!response.ok) {
        if (response.status === 401 || response.status === 400) end('expired');
        return false;
      }
      remember(
        fromIssued(stored.municipality, stored.username, (await response.json()) as IssuedSession),
      );
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function restore(): Pick<Session, 'municipality' | 'username' | 'refreshToken'> | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

/** On start: a stored refresh token gives a new session without asking for the password again. */
export async function resume(): Promise<void> {
  if (current || !restore()) return;
  await refresh();
}

export function end(reason: EndReason): void {
  remember(null);
  ended = reason;
  emit();
}

export async function signOut(): Promise<void> {
  const session = current;
  if (session) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}` },
    }).catch(() => undefined);
  }
  end('signed-out');
}

/**
 * fetch with the session's bearer token. A 401 renews the token once and repeats the request;
 * when renewal fails the session has ended (expired) and the 401 is returned.
 */
export async function authorizedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (request: Request) => {
    const headers = new Headers(request.headers);
    if (current) headers.set('authorization', `Bearer ${current.accessToken}`);
    return fetch(new Request(request, { headers }));
  };
  const response = await send(input);
  if (response.status !== 401 || !current) return response;
  if (!(await refresh())) return response;
  return send(retry);
}
