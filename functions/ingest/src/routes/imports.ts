/**
 * CSV/JSONL backfills over the API: create an import for a source (mapping given, or detected from the header row),
 * then post rows in chunks; each chunk is mapped, analysed and written like webhook items before the 2xx.
 * @module
 */
import { detectPreset, PRESETS, ZColumnMapping } from "@firebreak/core";
import { imports, sources } from "@firebreak/db";
import { importRows } from "@firebreak/db/pipelines/import-rows";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { ApiError, errorResponse } from "../errors.ts";
import { requireToken } from "../middleware/auth.ts";
import { validate } from "../validator.ts";

export const MAX_ROWS_PER_CHUNK = 1000;
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

const ZCreateImport = z.object({
  format: z.enum(["csv", "jsonl"]),
  fileName: z.string().trim().min(1).max(255),
  /** A preset name, or a full mapping; absent means "detect from `headers`". */
  preset: z.enum(Object.keys(PRESETS) as [keyof typeof PRESETS, ...Array<keyof typeof PRESETS>]).optional(),
  mapping: ZColumnMapping.optional(),
  headers: z.array(z.string().max(200)).max(500).optional(),
});
const ZRows = z.object({
  rows: z
    .array(z.record(z.string().max(200), z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()])))
    .min(1)
    .max(MAX_ROWS_PER_CHUNK),
});
const ZParams = z.object({ id: z.string().min(1).max(64) });

export const sourceImportRoutes = new Hono<AppContext>().post(
  "/:id/imports",
  requireToken("write"),
  validate("param", ZParams),
  validate("json", ZCreateImport),
  async (c) => {
    const { workspaceId } = c.get("auth");
    const db = c.get("db");
    const source = await sources.get(db, workspaceId, c.req.valid("param").id);
    if (!source) throw new ApiError("not_found", "No such source in this workspace.");
    const input = c.req.valid("json");
    const preset = input.preset ?? (input.headers ? detectPreset(input.headers) : undefined);
    const mapping = input.mapping ?? (preset ? PRESETS[preset] : undefined);
    if (!mapping) {
      throw new ApiError(
        "bad_request",
        "mapping: give a column mapping or a preset; the headers match no known export",
      );
    }
    const created = await imports.start(
      db,
      { workspaceId, sourceId: source.id, format: input.format, fileName: input.fileName, mapping },
      c.get("options").now(),
    );
    return c.json({ ...created, preset: preset ?? null }, 201);
  },
);

export const importRoutes = new Hono<AppContext>()
  .get("/:id", requireToken("read"), validate("param", ZParams), async (c) => {
    const found = await imports.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!found) throw new ApiError("not_found", "No such import in this workspace.");
    return c.json(found);
  })
  .post(
    "/:id/rows",
    bodyLimit({
      maxSize: MAX_CHUNK_BYTES,
      onError: (c) => errorResponse(c, "payload_too_large", `Send rows in chunks under ${MAX_CHUNK_BYTES} bytes.`),
    }),
    requireToken("write"),
    validate("param", ZParams),
    validate("json", ZRows),
    async (c) => {
      const result = await importRows(c.get("db"), {
        workspaceId: c.get("auth").workspaceId,
        importId: c.req.valid("param").id,
        rows: c.req.valid("json").rows,
        secretsKey: c.env.SECRETS_KEY,
        now: c.get("options").now(),
      });
      if (result.ok) {
        const { ok: _, ...counts } = result;
        return c.json(counts);
      }
      if (result.problem === "finished")
        throw new ApiError("conflict", "This import is finished or was cancelled; start a new one.");
      if (result.problem === "source_gone") throw new ApiError("not_found", "The import's source no longer exists.");
      throw new ApiError("not_found", "No such import in this workspace.");
    },
  )
  .post("/:id/complete", requireToken("write"), validate("param", ZParams), async (c) => {
    const done = await imports.finish(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      c.get("options").now(),
    );
    if (!done) throw new ApiError("not_found", "No such import in this workspace.");
    return c.json(done);
  });
