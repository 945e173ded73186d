/**
 * The local demo's sign-in, made by the seed (scripts/database.mjs) and printed by `npm start`. It exists only in a
 * local database seeded with the demo workspace.
 */
export const DEMO_LOGIN = { email: "demo@firebreak.test", password: "firebreak-demo" } as const;
