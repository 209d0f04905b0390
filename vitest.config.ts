import { defineConfig } from 'vitest/config';

/**
 * Two projects: fast unit + integration tests (Node, no browser), and end-to-end tests that drive
 * the system Chromium against the built app served by the real server (run after `npm run build`).
 */
/** A PostgreSQL that answers, started from npm's binaries when none does (runs once, reused). */
const databaseSetup = 'test/support/database-setup.ts';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
          globalSetup: [databaseSetup],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      // The API, authorization and fuzz suites again, on a fresh PostgreSQL schema per test.
      ...(process.env.KINDLING_SKIP_POSTGRES === '1'
        ? []
        : [
            {
              test: {
                name: 'postgres',
                globalSetup: [databaseSetup],
                include: [
                  'test/integration/api-content-sync.test.ts',
                  'test/integration/api-mastery.test.ts',
                  'test/integration/api-session.test.ts',
                  'test/integration/authorization-matrix.test.ts',
                  'test/integration/authorization-scim.test.ts',
                  'test/integration/content-language.test.ts',
                  'test/integration/device-trust.test.ts',
                  'test/integration/fuzz-nul-and-names.test.ts',
                  'test/integration/fuzz-routes.test.ts',
                  'test/integration/fuzz-scim.test.ts',
                  'test/integration/fuzz-sequences.test.ts',
                  'test/integration/mail-bulk-invites.test.ts',
                  'test/integration/mail-digest.test.ts',
                  'test/integration/mail-invites-resets.test.ts',
                  'test/integration/mail-outbox.test.ts',
                  'test/integration/scim-access.test.ts',
                  'test/integration/scim-protocol.test.ts',
                  'test/integration/scim-providers.test.ts',
                  'test/integration/sso-admin-settings.test.ts',
                  'test/integration/sso-provider-keys.test.ts',
                  'test/integration/sso-sign-in.test.ts',
                  'test/integration/sync-bounds.test.ts',
                  'test/integration/team-view.test.ts',
                  'test/integration/xapi-attachments.test.ts',
                  'test/integration/xapi-documents.test.ts',
                  'test/integration/xapi-fuzz.test.ts',
                  'test/integration/xapi-headers.test.ts',
                  'test/integration/xapi-learning-events.test.ts',
                  'test/integration/xapi-statement-refs.test.ts',
                  'test/integration/xapi-statement-validation.test.ts',
                  'test/integration/xapi-statements.test.ts',
                  'test/integration/xapi-forwarding-api.test.ts',
                ],
                environment: 'node',
                testTimeout: 20_000,
                env: { KINDLING_API_STORE: 'postgres' },
              },
            },
          ]),
      {
        test: {
          name: 'e2e',
          globalSetup: ['test/support/browser-setup.ts'],
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
