// `npm run test:full`: every vitest project with the proof suites at full size (FIREBREAK_FULL=1 → PROOF_SCALE
// "full"). A wrapper rather than `FIREBREAK_FULL=1 vitest run`, so the variable is set on Windows shells too.
import { spawnSync } from "node:child_process";

const result = spawnSync("vitest", ["run", ...process.argv.slice(2)], {
  stdio: "inherit",
  shell: process.platform === "win32",
  env: { ...process.env, FIREBREAK_FULL: "1" },
});
process.exit(result.status ?? 1);
