/**
 * The one validator: zod schemas at the edge, the first issue as a 400 in the one error shape. `validationHook` is the
 * `defaultHook` of every OpenAPI router (`openapi.ts`); `validate()` applies the same hook to a plain Hono route.
 * @module
 */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { ApiError } from "./errors.ts";

/** What both validators hand their hook: structural, so the zod-openapi and zod-validator hook types both accept it. */
type Outcome = { target: string } & (
  | { success: true }
  | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } }
);

/** Throws `bad_request` naming the first failing field (`name: Too small…`), or the target for a whole-input rule. */
export function validationHook(result: Outcome): undefined {
  if (result.success) return;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : result.target;
  throw new ApiError("bad_request", `${where}: ${issue?.message ?? "invalid"}`);
}

/** Validation middleware for a route outside the OpenAPI routers, with the routers' own hook. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, validationHook);
}
