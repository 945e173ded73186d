// Bindings that exist only in the workers test project (see vitest.config.ts).
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: D1Migration[];
    /** How big the proof suites run: "quick" (npm test) or "full" (npm run test:full). */
    PROOF_SCALE: "quick" | "full";
  }
}
