/** @module The one validator wrapper: zod schemas at the edge, failures in the one error shape. */
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { ApiError } from "./errors.ts";

export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : target;
      throw new ApiError("bad_request", `${where}: ${issue?.message ?? "invalid"}`);
    }
  });
}
