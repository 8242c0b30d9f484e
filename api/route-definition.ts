import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Permission } from '../workflows/auth/permissions.js';
import type { Principal } from '../workflows/auth/principal.js';

/** `public`: no token; `authenticated`: any valid token; a permission: a token whose role holds it. */
export type Access = 'public' | 'authenticated' | Permission;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteInput<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  principal: A extends 'public' ? undefined : Principal;
  req: Request;
  res: Response;
}

/**
 * One route, described once: the app mounts it (rate limit → authenticate → permission → validate
 * → handler) and the OpenAPI document is generated from the same object, so the two cannot drift.
 */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax (`/api/v1/incidents/:id`). */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /** Still allowed while the account has a one-time password that must be changed first. */
  allowPendingPasswordChange?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** `raw`: the body arrives as a Buffer (ingest), up to 10 MB, gzip allowed; otherwise JSON up to 1 MB. */
  bodyFormat?: 'json' | 'raw';
  /** Documented request headers (e.g. If-Match), name → description. */
  headers?: Record<string, string>;
  responses: Record<number, ResponseSpec>;
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<void> | void;
}

/** The erased form the mounter and the document generator work with. */
export type RouteDefinition = RouteSpec<z.ZodType, z.ZodType, z.ZodType, Access>;

/** Keeps the handler's input typed by the route's own schemas. */
export function defineRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, A extends Access = Access>(
  spec: RouteSpec<P, Q, B, A>,
): RouteDefinition {
  return spec as unknown as RouteDefinition;
}
