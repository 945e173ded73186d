/**
 * The privacy page's forms: how a person names a customer (email, their id in your tools, or Firebreak's id), checked
 * with the core's rules, and the key customer hashes are made with.
 * @module
 */
import { CUSTOMER_KEYS, CUSTOMER_VALUE, type CustomerSelector } from "@firebreak/core/privacy";
import { z } from "zod";

const NAMES: Record<(typeof CUSTOMER_KEYS)[number], string> = {
  email: "an email address",
  customerId: "a customer id",
  id: "a Firebreak customer id (cus_…)",
};

/** `by` and `value` as the forms send them → a selector; a bad value is reported on the `value` field. */
export const ZFindCustomer = z
  .object({
    by: z.enum(CUSTOMER_KEYS, { error: "Choose how to find the customer." }),
    value: z.string({ error: "Type who to look for." }).trim().min(1, "Type who to look for.").max(320),
  })
  .transform(({ by, value }, context): CustomerSelector => {
    const checked = CUSTOMER_VALUE[by].safeParse(value);
    if (!checked.success) {
      context.addIssue({ code: "custom", path: ["value"], message: `That is not ${NAMES[by]}.` });
      return z.NEVER;
    }
    return { kind: by, value: checked.data };
  });

/** The erasure's confirmation: the same customer, and the box that says it cannot be undone. */
export const ZEraseCustomer = z
  .object({ confirm: z.literal("yes", { error: "Tick the box to confirm: an erasure cannot be undone." }) })
  .and(ZFindCustomer);

/** The key customer identifiers are hashed with; `undefined` when the web app has none configured. */
export function secretsKeyOf(platform: App.Platform | undefined): string | undefined {
  return platform?.env.SECRETS_KEY || undefined;
}

export const NO_KEY =
  "Customer lookups need the SECRETS_KEY the ingest Worker hashes customers with; the web app has none.";
