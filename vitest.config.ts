import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

// One suite, several engines: the API tests run on embedded PGlite always and on a PostgreSQL
// server when TEST_DATABASE_URL is set; the browser journeys run when Chromium is installed.
const conPostgres = Boolean(process.env.TEST_DATABASE_URL);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const conNavegador = fs.existsSync(CHROMIUM);

const api = (motor: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `api-${motor}`,
    include: ['src/server/**/*.test.ts'],
    globalSetup: ['test/preparar-base.ts'],
    env: { RANCHO_MOTOR_PRUEBA: motor },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'unidad', include: ['src/shared/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      api('pglite'),
      ...(conPostgres ? [api('postgres')] : []),
      ...(conNavegador
        ? [
            {
              extends: true as const,
              test: {
                name: 'navegador',
                include: ['e2e/**/*.e2e.ts'],
                globalSetup: ['test/preparar-base.ts', 'scripts/construir-web.ts'],
                env: { RANCHO_MOTOR_PRUEBA: 'pglite' },
                testTimeout: 120_000,
                hookTimeout: 120_000,
                // A page under a loaded CI machine can take seconds to settle; polls wait for it.
                expect: { poll: { timeout: 15_000 } },
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
