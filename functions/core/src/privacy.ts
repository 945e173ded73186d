/**
 * Personal data requests as pure rules: how a customer is named in a request (an email, the sender's customer id, or
 * Firebreak's own customer id) and which keyed hashes find them, the reference an erasure or export is audited
 * under, whether a stored payload names the customer, and the retention a workspace may choose.
 * @module
 */
import { z } from "zod";
import { customerKeyHash, sha256Hex } from "./crypto.ts";
import { getProvider } from "./providers/index.ts";

/** How a request names a customer. */
export const CUSTOMER_KEYS = ["email", "customerId", "id"] as const;
export type CustomerKey = (typeof CUSTOMER_KEYS)[number];

/** A customer named by one identifier: `email`, `customerId` (the sender's id) or `id` (Firebreak's `cus_…`). */
export interface CustomerSelector {
  kind: CustomerKey;
  value: string;
}

const ZEmail = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "not an email address");
const ZCustomerId = z.string().trim().min(1).max(200);
const ZFirebreakCustomerId = z
  .string()
  .trim()
  .regex(/^cus_[\w-]{1,60}$/, "not a Firebreak customer id (cus_…)");

/** The value schema for each way of naming a customer. */
export const CUSTOMER_VALUE: Record<CustomerKey, z.ZodType<string>> = {
  email: ZEmail,
  customerId: ZCustomerId,
  id: ZFirebreakCustomerId,
};

/**
 * `{email}`, `{customerId}` or `{id}`: exactly one, as the API's erasure and export requests send it.
 * @example ZCustomerSelector.parse({ email: "jane@example.com" }) // → { kind: "email", value: "jane@example.com" }
 */
export const ZCustomerSelector = z
  .strictObject({ email: ZEmail.optional(), customerId: ZCustomerId.optional(), id: ZFirebreakCustomerId.optional() })
  .transform((body, context): CustomerSelector => {
    const given = CUSTOMER_KEYS.filter((key) => body[key] !== undefined);
    if (given.length !== 1) {
      context.addIssue({ code: "custom", message: "give exactly one of email, customerId or id" });
      return z.NEVER;
    }
    const kind = given[0] as CustomerKey;
    return { kind, value: body[kind] as string };
  });

/** The keyed hashes and ids that find a selector's customer rows in one workspace. */
export interface CustomerLookup {
  /** Firebreak customer ids (`customers.id`). */
  ids: string[];
  /** `customers.key_hash`: the sender's customer id, or the email when the sender gave only that. */
  keyHashes: string[];
  /** `customers.email_hash`. */
  emailHashes: string[];
}

/**
 * The hashes ingest would have stored for this customer (`prepareItem`): an email is the key when the sender gave no
 * customer id, and is also kept as the email hash beside one; a customer id is the key.
 */
export function customerLookup(secretsKey: string, workspaceId: string, selector: CustomerSelector): CustomerLookup {
  const hash = (identifier: string) => customerKeyHash(secretsKey, workspaceId, identifier);
  switch (selector.kind) {
    case "email":
      return { ids: [], keyHashes: [hash(selector.value)], emailHashes: [hash(`email:${selector.value}`)] };
    case "customerId":
      return { ids: [], keyHashes: [hash(selector.value)], emailHashes: [] };
    case "id":
      return { ids: [selector.value], keyHashes: [], emailHashes: [] };
  }
}

/**
 * What an erasure or export is audited under: a SHA-256 of the request's keyed hash (or of the Firebreak id), never
 * the identifier or the hash stored on the customer row. Anyone holding the email and the workspace's key can
 * recompute it to show the request was carried out; nobody can read it back.
 */
export function requestReference(lookup: CustomerLookup): Promise<string> {
  const named = lookup.emailHashes[0] ?? lookup.keyHashes[0] ?? lookup.ids[0] ?? "";
  return sha256Hex(`customer-request:${named}`);
}

/** A stored raw payload, decrypted, with what its source needs to parse it again. */
export interface StoredPayload {
  provider: string;
  text: string;
  headers: Record<string, string>;
  receivedAt: number;
  settings: Record<string, unknown>;
  fieldMapping: Record<string, string> | null;
}

/** Who a payload check looks for: the customer rows' hashes and, for a request by email, the address itself. */
export interface PayloadMatch {
  secretsKey: string;
  workspaceId: string;
  keyHashes: ReadonlySet<string>;
  emailHashes: ReadonlySet<string>;
  /** Lower-cased; looked for as a whole word anywhere in the payload, also where no adapter field reads it. */
  email?: string;
}

/**
 * Whether a stored payload names the customer: any of its events' customer ids or emails hash to the customer's
 * keys, or (for a request by email) the address appears anywhere in it, a comment or a payload that no longer parses
 * included. Customer ids are matched by hash only, since a short id ("42") would match scores and counts as text.
 */
export function payloadNamesCustomer(payload: StoredPayload, match: PayloadMatch): boolean {
  if (match.email && containsWord(payload.text.toLowerCase(), match.email)) return true;
  const adapter = getProvider(payload.provider);
  if (!adapter) return false;
  let parsed: ReturnType<typeof adapter.parse>;
  try {
    parsed = adapter.parse(
      {
        method: "POST",
        url: "",
        headers: payload.headers,
        body: new TextEncoder().encode(payload.text),
        text: payload.text,
      },
      { receivedAt: payload.receivedAt, settings: payload.settings, fieldMapping: payload.fieldMapping },
    );
  } catch {
    return false;
  }
  if (parsed.kind !== "events") return false;
  const hash = (identifier: string) => customerKeyHash(match.secretsKey, match.workspaceId, identifier);
  return parsed.items.some((item) => {
    const key = item.customerId ?? item.customerEmail;
    if (key && match.keyHashes.has(hash(key))) return true;
    return item.customerEmail !== undefined && match.emailHashes.has(hash(`email:${item.customerEmail}`));
  });
}

/** `needle` in `text` with no email or id character right before or after it (so `ann@x.io` is not in `joann@x.io`). */
function containsWord(text: string, needle: string): boolean {
  const boundary = /[\w.+@-]/;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1];
    const after = text[at + needle.length];
    if ((before === undefined || !boundary.test(before)) && (after === undefined || !boundary.test(after))) return true;
  }
  return false;
}

/**
 * The retention a workspace may choose. Raw payloads exist for replays, so a few days to three months; items feed the
 * map's 90-day views and their baselines, so at least 90 days, and at most ten years.
 */
export const RETENTION_LIMITS = {
  rawPayloadDays: { min: 1, max: 90 },
  itemDays: { min: 90, max: 3650 },
} as const;

const days = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ error: `${label}: a whole number of days` })
    .int(`${label}: a whole number of days`)
    .min(min, `${label}: at least ${min} days`)
    .max(max, `${label}: at most ${max} days`);

/** A workspace's retention settings, within `RETENTION_LIMITS`. */
export const ZRetention = z.object({
  rawPayloadDays: days("Raw payloads", RETENTION_LIMITS.rawPayloadDays),
  itemDays: days("Feedback items", RETENTION_LIMITS.itemDays),
});
export type Retention = z.infer<typeof ZRetention>;
