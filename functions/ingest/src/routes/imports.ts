/**
 * CSV/JSONL backfills over the API: create an import for a source (mapping given, or detected from the header row),
 * then post rows in chunks; each chunk is mapped, analysed and written like webhook items before the 2xx.
 * @module
 */
import { detectPreset, PRESETS, ZColumnMapping } from "@firebreak/core";
import { imports, sources } from "@firebreak/db";
import { importRows } from "@firebreak/db/pipelines/import-rows";
import { z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { ApiError, errorResponse } from "../errors.ts";
import { apiRoute, apiRouter, idParams, jsonBody, jsonResponse } from "../openapi.ts";

export const MAX_ROWS_PER_CHUNK = 1000;
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

const ZCreateImport = z
  .object({
    format: z.enum(["csv", "jsonl"]),
    fileName: z.string().trim().min(1).max(255),
    /** A preset name, or a full mapping; absent means "detect from `headers`". */
    preset: z
      .enum(Object.keys(PRESETS) as [keyof typeof PRESETS, ...Array<keyof typeof PRESETS>])
      .optional()
      .openapi({ description: "A known export's mapping." }),
    mapping: ZColumnMapping.meta({ id: "ColumnMapping", description: "A column mapping of your own." }).optional(),
    headers: z.array(z.string().max(200)).max(500).optional().openapi({
      description: "The file's header row: without `preset` or `mapping`, the export is detected from it.",
    }),
  })
  .openapi("NewImportInput", {
    example: { format: "csv", fileName: "zendesk-export.csv", headers: ["Ticket ID", "Satisfaction score", "Comment"] },
  });
const ZRows = z
  .object({
    rows: z
      .array(z.record(z.string().max(200), z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()])))
      .min(1)
      .max(MAX_ROWS_PER_CHUNK)
      .openapi({ description: "Rows as objects keyed by column (CSV header or JSONL key)." }),
  })
  .openapi("ImportRows", { example: { rows: [{ "Ticket ID": "1042", Comment: "Refund never arrived" }] } });
const ZParams = idParams("import", "imp");

const ZImport = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    sourceId: z.string(),
    format: z.enum(["csv", "jsonl"]),
    fileName: z.string(),
    mapping: z.record(z.string(), z.unknown()).openapi({ description: "The column mapping rows are read with." }),
    status: z.enum(["pending", "running", "done", "failed"]),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    failedRows: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.number(),
    finishedAt: z.number().nullable(),
  })
  .openapi("Import");
const ZChunkResult = z
  .object({
    inserted: z.number().int(),
    updated: z.number().int().openapi({ description: "Newer revisions of stored items." }),
    skipped: z.number().int().openapi({ description: "Repeats and older revisions." }),
    failed: z.number().int(),
    failures: z
      .array(z.object({ index: z.number().int(), reason: z.string() }))
      .openapi({ description: "The first rows that could not be mapped, by index within the chunk." }),
  })
  .openapi("ImportChunkResult");

const NO_IMPORT = "No such import in this workspace.";
const tag = "Imports";

const createImport = apiRoute({
  method: "post",
  path: "/{id}/imports",
  operationId: "createImport",
  tag,
  scope: "write",
  summary: "Start a CSV/JSONL import into a source",
  description: "Then send the rows in chunks (`POST /api/v1/imports/{id}/rows`) and complete it.",
  request: { params: idParams("source", "src"), body: jsonBody(ZCreateImport) },
  responses: {
    201: jsonResponse(ZImport.extend({ preset: z.string().nullable() }), "Started; `preset` is the export detected."),
  },
  errors: {
    400: "Invalid input, or no mapping: give one or a preset, as the headers match no known export.",
    404: "No such source in this workspace.",
  },
});
const getImport = apiRoute({
  method: "get",
  path: "/{id}",
  operationId: "getImport",
  tag,
  scope: "read",
  summary: "Get an import's progress",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZImport, "The import.") },
  errors: { 404: NO_IMPORT },
});
const importChunk = apiRoute({
  method: "post",
  path: "/{id}/rows",
  operationId: "importRows",
  tag,
  scope: "write",
  summary: "Import a chunk of rows",
  description: `At most ${MAX_ROWS_PER_CHUNK} rows and ${MAX_CHUNK_BYTES} bytes. Each row is mapped, analysed and stored like a webhook's items before the answer; sending a chunk twice adds nothing.`,
  before: [
    bodyLimit({
      maxSize: MAX_CHUNK_BYTES,
      onError: (c) => errorResponse(c, "payload_too_large", `Send rows in chunks under ${MAX_CHUNK_BYTES} bytes.`),
    }),
  ],
  request: { params: ZParams, body: jsonBody(ZRows) },
  responses: { 200: jsonResponse(ZChunkResult, "What the chunk added.") },
  errors: {
    404: "No such import in this workspace, or its source no longer exists.",
    409: "The import is finished or was cancelled; start a new one.",
    413: `The chunk is ${MAX_CHUNK_BYTES} bytes or more.`,
  },
});
const completeImport = apiRoute({
  method: "post",
  path: "/{id}/complete",
  operationId: "completeImport",
  tag,
  scope: "write",
  summary: "Complete an import",
  request: { params: ZParams },
  responses: { 200: jsonResponse(ZImport, "The finished import.") },
  errors: { 404: NO_IMPORT },
});

export const sourceImportRoutes = apiRouter().openapi(createImport, async (c) => {
  const { workspaceId } = c.get("auth");
  const db = c.get("db");
  const source = await sources.get(db, workspaceId, c.req.valid("param").id);
  if (!source) throw new ApiError("not_found", "No such source in this workspace.");
  const input = c.req.valid("json");
  const preset = input.preset ?? (input.headers ? detectPreset(input.headers) : undefined);
  const mapping = input.mapping ?? (preset ? PRESETS[preset] : undefined);
  if (!mapping) {
    throw new ApiError("bad_request", "mapping: give a column mapping or a preset; the headers match no known export");
  }
  const created = await imports.start(
    db,
    { workspaceId, sourceId: source.id, format: input.format, fileName: input.fileName, mapping },
    c.get("options").now(),
  );
  return c.json({ ...created, preset: preset ?? null }, 201);
});

export const importRoutes = apiRouter()
  .openapi(getImport, async (c) => {
    const found = await imports.get(c.get("db"), c.get("auth").workspaceId, c.req.valid("param").id);
    if (!found) throw new ApiError("not_found", NO_IMPORT);
    return c.json(found, 200);
  })
  .openapi(importChunk, async (c) => {
    const result = await importRows(c.get("db"), {
      workspaceId: c.get("auth").workspaceId,
      importId: c.req.valid("param").id,
      rows: c.req.valid("json").rows,
      secretsKey: c.env.SECRETS_KEY,
      now: c.get("options").now(),
    });
    if (result.ok) {
      const { ok: _, ...counts } = result;
      return c.json(counts, 200);
    }
    if (result.problem === "finished")
      throw new ApiError("conflict", "This import is finished or was cancelled; start a new one.");
    if (result.problem === "source_gone") throw new ApiError("not_found", "The import's source no longer exists.");
    throw new ApiError("not_found", NO_IMPORT);
  })
  .openapi(completeImport, async (c) => {
    const done = await imports.finish(
      c.get("db"),
      c.get("auth").workspaceId,
      c.req.valid("param").id,
      c.get("options").now(),
    );
    if (!done) throw new ApiError("not_found", NO_IMPORT);
    return c.json(done, 200);
  });
