import type { Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import type { RouteDefinition } from '../route-definition.js';

export interface ValidatedInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** Parses path, query and body together, so that one answer lists every problem of the request. */
export function validateInput(route: RouteDefinition, req: Request): ValidatedInput {
  const problems: { in: string; path: string; message: string }[] = [];
  const parse = (where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) problems.push({ in: where, path: issue.path.join('.'), message: issue.message });
    return undefined;
  };
  const input = {
    params: parse('params', route.params, req.params),
    query: parse('query', route.query, req.query),
    body: parse('body', route.body, route.bodyFormat === 'raw' ? req.body : (req.body ?? undefined)),
  };
  if (problems.length > 0) throw new ValidationError('the request is not valid', problems);
  return input;
}
