/**
 * Connecting a source, the part the ingest API and the web app share: which providers can be connected and which
 * signing secret a new or rotated source gets.
 * @module
 */
import { z } from "zod";
import { randomToken } from "../ids.ts";
import { getProvider } from "./index.ts";

/** A source fed only by CSV/JSONL uploads: no adapter, so its webhook URL answers 404. */
export const FILE_SOURCE = { id: "csv", label: "CSV / JSONL file" } as const;

/** Whether `provider` names something a source can be created for: a webhook adapter or the file source. */
export function isConnectable(provider: string): boolean {
  return provider === FILE_SOURCE.id || getProvider(provider) !== undefined;
}

/** A source's name, as the API and the web app's forms take it. */
export const ZSourceName = z
  .string()
  .trim()
  .min(1, "Give the source a name.")
  .max(120, "Keep the name under 120 characters.");

/** A source's provider-specific settings (HubSpot's `canonicalUrl`, Google's `audience`, …). */
export const ZSourceSettings = z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()]));

/** A generic JSON source's field mapping: normalized field → JSON pointer or literal (checked by `validateMapping`). */
export const ZSourceFieldMapping = z.record(z.string().max(50), z.string().max(500));

/** The label people see for a source's provider. */
export function providerLabel(provider: string): string {
  return provider === FILE_SOURCE.id ? FILE_SOURCE.label : (getProvider(provider)?.label ?? provider);
}

export type SecretChoice = { ok: true; secret: string } | { ok: false; message: string };

/**
 * The secret a new or rotated source gets: the one the user pasted, or a fresh one where Firebreak issues it. Where
 * the provider issues it (Zendesk, HubSpot, …) there is nothing to generate, so the user must paste it.
 */
export function chooseSecret(provider: string, supplied: string | undefined): SecretChoice {
  if (supplied) return { ok: true, secret: supplied };
  // A file source never verifies a signature; its secret only fills the column and is never shown.
  if (provider === FILE_SOURCE.id) return { ok: true, secret: randomToken() };
  const adapter = getProvider(provider);
  if (!adapter) return { ok: false, message: "unknown provider" };
  if (adapter.secretIssuedBy === "provider") {
    return { ok: false, message: `${adapter.label} issues the signing secret; paste it here` };
  }
  const generated = adapter.generateSecret?.();
  return generated ? { ok: true, secret: generated } : { ok: false, message: "required for this provider" };
}
