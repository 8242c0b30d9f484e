import type { Request, Response } from 'express';

export const REFRESH_COOKIE = 'lagebild_refresh';
/** The cookie goes only to the auth endpoints, never with ordinary API calls. */
const COOKIE_PATH = '/api/v1/auth';

/** httpOnly keeps it from scripts; SameSite=Strict keeps other sites from making the browser send it. */
export function setRefreshCookie(req: Request, res: Response, token: string, expires: Date, publicUrl: string | undefined): void {
  res.cookie(REFRESH_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure || Boolean(publicUrl?.startsWith('https:')), path: COOKIE_PATH, expires });
}

export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH });
}

export function readRefreshCookie(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
