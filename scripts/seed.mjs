// `npm run db:seed` (seed if empty) and `npm run db:reset` (wipe the local D1, migrate, seed).
import "./require-node24.mjs";
import { prepareDatabase } from "./database.mjs";
import { localConfig } from "./lib.mjs";

const reset = process.argv.includes("--reset");
const credentials = await prepareDatabase(localConfig(), { reset });
if (credentials) console.log(`  demo API token: ${credentials.apiToken}`);
