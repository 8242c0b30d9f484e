import { z } from 'zod';
import { cursorQuery, limitQuery, timeQuery } from '../shared-schemas.js';

export const alertSearchQuery = z.strictObject({
  organization: z.string().min(1).max(200).optional(),
  rule: z.string().min(1).max(200).optional(),
  from: timeQuery,
  to: timeQuery,
  limit: limitQuery,
  cursor: cursorQuery,
});
