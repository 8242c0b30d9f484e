import { z } from 'zod';
import { NotFoundError } from '../../../core/errors.js';
import { createUser } from '../../../workflows/auth/create-user.js';
import { resetPassword } from '../../../workflows/auth/set-password.js';
import { updateUser } from '../../../workflows/auth/update-user.js';
import { defineRoute, type RouteDefinition } from '../../route-definition.js';
import type { RouteContext } from '../../route-context.js';
import { idParams } from '../shared-schemas.js';
import { presentCreatedUser, presentUser } from './presenter.js';
import { createdUserSchema, createUserBody, resetPasswordBody, updateUserBody, userSchema } from './schema.js';

export function userRoutes(context: RouteContext): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/users',
      summary: 'List users',
      tag: 'users',
      access: 'users:read',
      responses: { 200: { description: 'users', schema: z.object({ items: z.array(userSchema) }) } },
      handle: async ({ principal, res }) => {
        res.json({ items: (await context.store.users.list(principal.scope)).map(presentUser) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/users/:id',
      summary: 'Show a user',
      tag: 'users',
      access: 'users:read',
      params: idParams,
      responses: { 200: { description: 'the user', schema: userSchema } },
      handle: async ({ params, res }) => {
        const user = await context.store.users.get(params.id);
        if (!user) throw new NotFoundError('user');
        res.json(presentUser(user));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users',
      summary: 'Create a user; without a password, a one-time password is returned once',
      tag: 'users',
      access: 'users:write',
      body: createUserBody,
      responses: { 201: { description: 'created', schema: createdUserSchema }, 409: { description: 'username taken' } },
      handle: async ({ principal, body, res }) => {
        res.status(201).json(presentCreatedUser(await createUser(context, principal.username, body)));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/users/:id',
      summary: 'Change a user (name, e-mail, role, organisation, disabled)',
      tag: 'users',
      access: 'users:write',
      params: idParams,
      body: updateUserBody,
      responses: { 200: { description: 'changed', schema: userSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.json(presentUser(await updateUser(context, principal, params.id, body)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users/:id/password',
      summary: 'Reset a password (one-time; the user must change it); ends the user\'s sessions',
      tag: 'users',
      access: 'users:write',
      params: idParams,
      body: resetPasswordBody,
      responses: { 200: { description: 'reset', schema: createdUserSchema } },
      handle: async ({ principal, params, body, res }) => {
        res.json(presentCreatedUser(await resetPassword(context, principal, params.id, body.password)));
      },
    }),
  ];
}
