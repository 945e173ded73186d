/**
 * `/api/v1/customers`: personal data requests. `POST /erase` erases a customer (items, revisions, raw payloads,
 * rollup contributions, customer rows) and answers with the counts; `POST /export` returns everything stored about
 * them as a JSON download. Both name the customer by `{email}`, `{customerId}` (the sender's id) or `{id}` (Firebreak's
 * `cus_…`), need the `admin` scope, and are audited.
 * @module
 */
import { ZCustomerSelector } from "@firebreak/core";
import { customerExport, erasure } from "@firebreak/db";
import { Hono } from "hono";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

const UNKNOWN = "No such customer in this workspace.";

export const customerRoutes = new Hono<AppContext>()
  .post("/erase", requireToken("admin"), validate("json", ZCustomerSelector), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now(), secretsKey: c.env.SECRETS_KEY };
    const result = await erasure.erase(c.get("db"), workspaceId, c.req.valid("json"), by);
    if (!result.ok) throw new ApiError("not_found", UNKNOWN);
    return c.json({ erased: result.counts, reference: result.reference });
  })
  .post("/export", requireToken("admin"), validate("json", ZCustomerSelector), async (c) => {
    const { workspaceId, tokenId } = c.get("auth");
    const by = { actor: `token:${tokenId}`, now: c.get("options").now(), secretsKey: c.env.SECRETS_KEY };
    const result = await customerExport.exportCustomer(c.get("db"), workspaceId, c.req.valid("json"), by);
    if (!result.ok) throw new ApiError("not_found", UNKNOWN);
    c.header("content-disposition", `attachment; filename="customer-export-${by.now}.json"`);
    c.header("cache-control", "no-store");
    return c.json(result.data);
  });
