import type { Role } from '../../core/domain/user.js';

export const PERMISSIONS = [
  'incidents:read',
  'incidents:write',
  'alerts:read',
  'organisations:read',
  'organisations:write',
  'users:read',
  'users:write',
  'audit:read',
  'logsources:read',
  'logsources:write',
  'rules:read',
  'rules:write',
  'warnings:read',
  'warnings:write',
  'warnings:approve',
  'warnings:publish',
  'warnings:acknowledge',
  'reports:read',
  'reports:write',
  'reports:manage',
  'suppressions:read',
  'suppressions:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The one place that says who may do what. What a role may see (its Scope) is decided separately
 * by `principalScope`: an officer holds `incidents:read`, but only for their own organisation.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  analyst: ['incidents:read', 'incidents:write', 'alerts:read', 'organisations:read', 'audit:read', 'rules:read', 'warnings:read', 'warnings:write', 'warnings:approve', 'warnings:publish', 'reports:read', 'reports:manage', 'suppressions:read', 'suppressions:write'],
  officer: ['incidents:read', 'incidents:write', 'alerts:read', 'organisations:read', 'warnings:read', 'warnings:acknowledge', 'reports:read', 'reports:write', 'suppressions:read', 'suppressions:write'],
  recipient: ['organisations:read', 'warnings:read', 'warnings:acknowledge'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
