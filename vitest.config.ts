import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "core",
          environment: "node",
          include: ["functions/core/src/**/*.test.ts", "db/src/**/*.test.ts", "test/core/**/*.test.ts"],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./db/migrations"),
                ENVIRONMENT: "test",
                // A fixed test key: 32 bytes of base64, like the real one.
                SECRETS_KEY: btoa("firebreak-test-key-32-bytes-long"),
                // The proof suites' size: "quick" in `npm test`, "full" in `npm run test:full` (FIREBREAK_FULL=1).
                PROOF_SCALE: process.env.FIREBREAK_FULL === "1" ? "full" : "quick",
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          // One product instance and one browser for the whole project.
          fileParallelism: false,
          globalSetup: ["./test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
