/** @module Generic JSON webhook → normalized feedback through the source's field mapping. */
import { parseJson } from "../json.ts";
import { standardHeaders } from "../standard-webhooks/verify.ts";
import type { ParseContext, ParseResult, RawDelivery } from "../types.ts";
import { applyMapping, type MappingInput } from "./mapping.ts";

/**
 * Parses a delivery with an explicit field mapping. The `webhook-id` header, stable across retries, is the
 * delivery's idempotency key.
 */
export function parseWithMapping(delivery: RawDelivery, mapping: MappingInput, receivedAt: number): ParseResult {
  const json = parseJson(delivery.text);
  if (!json.ok) return { kind: "invalid", status: 400, reason: json.reason };
  const result = applyMapping(json.value, mapping, receivedAt);
  if (result.kind !== "events") return result;
  return { ...result, eventId: standardHeaders(delivery.headers).id };
}

/** The adapter's `parse`: the mapping comes from the source through the parse context. */
export function parseGenericJson(delivery: RawDelivery, context: ParseContext): ParseResult {
  const mapping = context.fieldMapping;
  if (!mapping || Object.keys(mapping).length === 0) {
    return { kind: "invalid", status: 422, reason: "no field mapping configured" };
  }
  return parseWithMapping(delivery, mapping, context.receivedAt);
}
