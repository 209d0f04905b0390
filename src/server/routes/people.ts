/**
 * Issue 7's routes in one door: account (own home extras, sessions; public invite and reset),
 * team (managers), admin. Registered before the content routes, whose bare `.use(requireUser())`
 * would otherwise also guard the public invite and reset doors.
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
