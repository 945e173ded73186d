/**
 * The audit log page's URL: filters (action or kind, actor, UTC date range) and the keyset cursor, validated so a
 * hand-edited or stale link is a 400 with the reason, never a 500. Empty fields (a submitted filter form) mean "any".
 * @module
 */
import type { AuditCursor, AuditFilter } from "@firebreak/db/queries/audit";
import { z } from "zod";

const DAY_MS = 86_400_000;

const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

const ZDay = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are YYYY-MM-DD.")
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), "That date does not exist.")
    .optional(),
);

const ZAuditQuery = z
  .object({
    action: z.preprocess(
      blank,
      z
        .string()
        .max(80)
        .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)?$/, "Unknown action.")
        .optional(),
    ),
    actor: z.preprocess(blank, z.string().max(200).optional()),
    from: ZDay,
    to: ZDay,
    before: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, "That page link is not valid; start from the newest entries.")
        .optional(),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The start date is after the end date.",
    path: ["to"],
  });

/** The filter as the form shows it: the raw values, so the form keeps what was asked. */
export type AuditQueryValues = { action: string; actor: string; from: string; to: string };

export type AuditQuery =
  | { ok: true; filter: AuditFilter; before: AuditCursor | undefined; values: AuditQueryValues }
  | { ok: false; message: string };

/** Reads the page's query; `to` is inclusive (the whole day, UTC). */
export function parseAuditQuery(search: URLSearchParams): AuditQuery {
  const parsed = ZAuditQuery.safeParse(Object.fromEntries(search));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid filter." };
  const { action, actor, from, to, before } = parsed.data;
  const dot = before?.indexOf(".") ?? -1;
  return {
    ok: true,
    filter: {
      action,
      actor,
      from: from ? Date.parse(`${from}T00:00:00Z`) : undefined,
      to: to ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : undefined,
    },
    before: before ? { at: Number(before.slice(0, dot)), id: before.slice(dot + 1) } : undefined,
    values: { action: action ?? "", actor: actor ?? "", from: from ?? "", to: to ?? "" },
  };
}

/** The page's query for the same filter, continuing `before` an entry (or from the newest without it). */
export function auditQueryString(values: AuditQueryValues, before?: AuditCursor): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (before) params.set("before", `${before.at}.${before.id}`);
  const query = params.toString();
  return query ? `?${query}` : "";
}
