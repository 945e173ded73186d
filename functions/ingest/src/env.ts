/** @module The Worker's environment, checked once at the entry point. */
import { type AiBinding, loopbackAllowed } from "@firebreak/core";
import { z } from "zod";

declare global {
  interface Env {
    /**
     * Workers AI: bound only in a deployed Worker's config (see README, "Workers AI (optional)"); never in the root
     * wrangler.toml, so local dev and CI run offline. Used for workspaces with `ai_enabled`.
     */
    AI?: AiBinding;
    /**
     * Development only: `on` lets outbound destinations target loopback (http://127.0.0.1, localhost) so a local
     * receiver can be tried. Unset everywhere else; refused in production.
     */
    OUTBOUND_ALLOW_LOOPBACK?: string;
  }
}

const ZEnvVars = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  APP_URL: z.url(),
  INGEST_URL: z.url(),
  SECRETS_KEY: z.base64().refine((v) => atob(v).length === 32, "must be 32 bytes of base64"),
  WEBHOOK_RATE_LIMIT: z.enum(["per-source", "off"]),
  OUTBOUND_ALLOW_LOOPBACK: z.enum(["on", "off"]).optional(),
});

export type AppEnv = Env;

/** Whether outbound delivery may target loopback: only when asked for, and never in production. */
export function allowsLoopback(env: Env): boolean {
  return loopbackAllowed(env);
}

/** Verdicts by environment object: workerd hands every request the same one, and parsing it each time showed in profiles. */
const verdicts = new WeakMap<Env, string | null>();

/** Returns a readable problem when bindings or variables are missing or malformed, else `null`. */
export function checkEnv(env: Env): string | null {
  let verdict = verdicts.get(env);
  if (verdict === undefined) {
    verdict = findEnvProblem(env);
    verdicts.set(env, verdict);
  }
  return verdict;
}

function findEnvProblem(env: Env): string | null {
  if (!env.DB) return "DB (D1) binding is missing";
  if (!env.DELIVERIES) return "DELIVERIES (queue) binding is missing";
  if (env.WEBHOOK_RATE_LIMIT !== "off" && typeof env.WEBHOOK_LIMITER?.limit !== "function")
    return "WEBHOOK_LIMITER (rate limiting) binding is missing";
  if (env.AI !== undefined && typeof env.AI?.run !== "function") return "AI binding is not a Workers AI binding";
  if (env.OUTBOUND_ALLOW_LOOPBACK === "on" && env.ENVIRONMENT === "production")
    return "OUTBOUND_ALLOW_LOOPBACK: must not be on in production";
  const parsed = ZEnvVars.safeParse(env);
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}
