/**
 * Issue 7's routes in one door: account (own home extras, sessions; public invite and reset),
 * team (managers), admin. Every guard is on its route or its own path prefix, never a bare
 * `.use()`, so the order in which modules are mounted changes no route's guard.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { accountRoutes } from './account';
import { adminRoutes } from './admin';
import { scimTokenRoutes } from './scim-tokens';
import { teamRoutes } from './team';

export const peopleRoutes = new Hono<AppEnv>()
  .route('/', accountRoutes)
  .route('/', teamRoutes)
  .route('/', adminRoutes)
  .route('/', scimTokenRoutes);
