import type { Request, Response } from 'express';
import { LagebildError } from '../../../core/errors.js';

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

/** A value that is not valid percent-encoding (a lone `%`) is the client's fault: 400 `malformed_cookie`. */
export function readRefreshCookie(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeCookieValue(value.join('='));
  }
  return undefined;
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (error instanceof URIError) throw new LagebildError('malformed_cookie', 'the session cookie is not validly encoded', { status: 400 });
    throw error;
  }
}
