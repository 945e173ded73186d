/**
 * CSV/JSONL backfills over the API: create an import for a source (mapping given, or detected from the header row),
 * then post rows in chunks; each chunk is mapped, analysed and written like webhook items before the 2xx.
 * @module
 */
import { detectPreset, indexTouchpoints, mapRow, newId, PRESETS, prepareItem, ZColumnMapping } from "@firebreak/core";
import { imports, items, sources, workspaces } from "@firebreak/db";
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
    const now = c.get("options").now();
    const created = await imports.create(db, {
      id: newId("imp", now),
      workspaceId,
      sourceId: source.id,
      format: input.format,
      fileName: input.fileName,
      mapping,
      status: "pending",
      createdAt: now,
    });
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
      const { workspaceId } = c.get("auth");
      const db = c.get("db");
      const job = await imports.get(db, workspaceId, c.req.valid("param").id);
      if (!job) throw new ApiError("not_found", "No such import in this workspace.");
      if (job.status === "done") throw new ApiError("conflict", "This import is finished; start a new one.");
      const source = await sources.get(db, workspaceId, job.sourceId);
      const context = await workspaces.analysisContext(db, workspaceId);
      if (!source || !context) throw new ApiError("not_found", "The import's source no longer exists.");

      const mapping = ZColumnMapping.parse(job.mapping);
      const analysis = {
        languages: context.languages,
        touchpoints: indexTouchpoints(context.touchpoints),
        defaultTouchpointId: source.defaultTouchpointId,
      };
      const now = c.get("options").now();
      const failed: Array<{ index: number; reason: string }> = [];
      const prepared = [];
      for (const [index, row] of c.req.valid("json").rows.entries()) {
        const mapped = mapRow(row, mapping, job.createdAt);
        if (!mapped.ok) failed.push({ index, reason: mapped.reason });
        else prepared.push(await prepareItem(mapped.feedback, analysis, c.env.SECRETS_KEY, workspaceId));
      }
      const written = await items.writeAnalyzed(
        db,
        { workspaceId, sourceId: source.id, deliveryId: null, receivedAt: now },
        prepared,
      );
      await imports.addProgress(db, workspaceId, job.id, prepared.length, failed.length);
      return c.json({ ...written, failed: failed.length, failures: failed.slice(0, 20) });
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
