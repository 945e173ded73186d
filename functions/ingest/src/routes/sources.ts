/** @module `/api/v1/sources`: connect a provider, get its webhook URL and (once) its secret. */
import { encryptSecret, getProvider, newId, PROVIDERS } from "@firebreak/core";
import { sources } from "@firebreak/db";
import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

const ZCreateSource = z.object({
  provider: z
    .string()
    .refine((id) => PROVIDERS.has(id), { message: `must be one of ${[...PROVIDERS.keys()].join(", ")}` }),
  name: z.string().trim().min(1).max(120),
  journeyId: z.string().max(64).optional(),
  defaultTouchpointId: z.string().max(64).optional(),
  secret: z.string().min(8).max(500).optional(),
});

const ZSourceId = z.object({ id: z.string().min(1).max(64) });

function present(source: sources.SourceRow, ingestUrl: string) {
  return {
    ...sources.toView(source),
    webhookUrl: `${ingestUrl.replace(/\/$/, "")}/webhooks/${source.provider}/${source.id}`,
  };
}

export const sourceRoutes = new Hono<AppContext>()
  .post("/", requireToken("write"), validate("json", ZCreateSource), async (c) => {
    const input = c.req.valid("json");
    const adapter = getProvider(input.provider);
    if (!adapter) throw new ApiError("bad_request", "unknown provider");
    if (adapter.secretIssuedBy === "provider" && !input.secret) {
      throw new ApiError("bad_request", `secret: ${adapter.label} issues the signing secret; paste it here`);
    }
    const secret = input.secret ?? adapter.generateSecret?.();
    if (!secret) throw new ApiError("bad_request", "secret: required for this provider");
    const now = c.get("options").now();
    const created = await sources.create(c.get("db"), {
      id: newId("src", now),
      workspaceId: c.get("auth").workspaceId,
      provider: adapter.id,
      name: input.name,
      journeyId: input.journeyId ?? null,
      defaultTouchpointId: input.defaultTouchpointId ?? null,
      secretCiphertext: await encryptSecret(secret, c.env.SECRETS_KEY),
      secretHint: secret.slice(-4),
      createdAt: now,
    });
    // The secret is returned this once; afterwards only its last four characters are shown.
    return c.json({ ...present(created, c.env.INGEST_URL), secret }, 201);
  })
  .get("/", requireToken("read"), async (c) => {
    const rows = await sources.list(c.get("db"), c.get("auth").workspaceId);
    return c.json({ data: rows.map((row) => present(row, c.env.INGEST_URL)) });
  })
  .get("/:id", requireToken("read"), validate("param", ZSourceId), async (c) => {
    const source = await sources.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", "No such source in this workspace.");
    return c.json(present(source, c.env.INGEST_URL));
  });
