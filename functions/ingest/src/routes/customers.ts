/**
 * `/api/v1/customers`: personal data requests. `POST /erase` erases a customer (items, revisions, raw payloads,
 * rollup contributions, customer rows) and answers with the counts; `POST /export` returns everything stored about
 * them as a JSON download. Both name the customer by `{email}`, `{customerId}` (the sender's id) or `{id}` (Firebreak's
 * `cus_…`), need the `admin` scope, and are audited.
 * @module
 */
import { ZCustomerSelector } from "@firebreak/core";
import { customerExport, erasure } from "@firebreak/db";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, jsonBody, jsonResponse } from "../openapi.ts";

const UNKNOWN = "No such customer in this workspace.";
const SELECTOR = "Exactly one of `email`, `customerId` (the id your tools send) or `id` (Firebreak's `cus_…`).";

const ZErased = z
  .object({
    erased: z.record(z.string(), z.number().int()).openapi({
      description: "Rows deleted or changed per kind: items, revisions, customers, rawPayloads, deliveries, rollups…",
    }),
    reference: z.string().openapi({ description: "The audit entry's reference for this erasure (no personal data)." }),
  })
  .openapi("CustomerErasure");

const ZExport = z.record(z.string(), z.unknown()).openapi("CustomerExport", {
  description:
    "The customer's attributes, items (redacted text, analysis, touchpoint, issue), revisions and deliveries.",
});

const erase = apiRoute({
  method: "post",
  path: "/erase",
  operationId: "eraseCustomer",
  tag: "Personal data",
  scope: "admin",
  summary: "Erase a customer",
  description: `Deletes the customer's feedback, its history and raw payloads, and recounts the map. ${SELECTOR}`,
  request: { body: jsonBody(ZCustomerSelector) },
  responses: { 200: jsonResponse(ZErased, "Erased, with the counts.") },
  errors: { 404: UNKNOWN },
});

const exportRoute = apiRoute({
  method: "post",
  path: "/export",
  operationId: "exportCustomer",
  tag: "Personal data",
  scope: "admin",
  summary: "Export a customer's data",
  description: `Everything stored about the customer, as a JSON download. ${SELECTOR}`,
  request: { body: jsonBody(ZCustomerSelector) },
  responses: { 200: jsonResponse(ZExport, "The customer's data.") },
  errors: { 404: UNKNOWN },
});

/** Who asks and when, for the audit entry; the key that decrypts payloads and keys the customer hashes. */
function requester(c: Context<AppContext>) {
  const { workspaceId, tokenId } = c.get("auth");
  return { workspaceId, by: { actor: `token:${tokenId}`, now: c.get("options").now(), secretsKey: c.env.SECRETS_KEY } };
}

export const customerRoutes = apiRouter()
  .openapi(erase, async (c) => {
    const { workspaceId, by } = requester(c);
    const result = await erasure.erase(c.get("db"), workspaceId, c.req.valid("json"), by);
    if (!result.ok) throw new ApiError("not_found", UNKNOWN);
    return c.json({ erased: { ...result.counts }, reference: result.reference }, 200);
  })
  .openapi(exportRoute, async (c) => {
    const { workspaceId, by } = requester(c);
    const result = await customerExport.exportCustomer(c.get("db"), workspaceId, c.req.valid("json"), by);
    if (!result.ok) throw new ApiError("not_found", UNKNOWN);
    c.header("content-disposition", `attachment; filename="customer-export-${by.now}.json"`);
    c.header("cache-control", "no-store");
    return c.json({ ...result.data }, 200);
  });
