/**
 * A generic JSON test delivery: a record built backwards from the source's own field mapping (each pointer gets a
 * test value), signed like Standard Webhooks. Literal mappings need nothing in the body.
 * @module
 */
import { type Scale, scaleBounds, ZScale } from "../../model.ts";
import { standardWebhookDelivery } from "../standard-webhooks/test-event.ts";
import { TEST_EVENT_TEXT, type TestDelivery, type TestEventInput, testId } from "../test-event.ts";
import { parsePointer } from "./mapping.ts";
import type { MappedField } from "./schema.ts";

export function genericJsonTestEvent(input: TestEventInput): Promise<TestDelivery> {
  const mapping: Partial<Record<MappedField, string>> = input.fieldMapping ?? {};
  const id = testId(input.nonce);
  const values = testValues(mapping, id, input.now);
  const record = blank();
  for (const [field, value] of Object.entries(values)) {
    const target = mapping[field as MappedField];
    if (target?.startsWith("/") && value !== undefined) place(record, target, value);
  }
  // Without a mapping the body is empty, and the ingest endpoint says so ("no field mapping configured").
  const body = mapping.items?.startsWith("/") ? place(blank(), mapping.items, [record]) : record;
  return standardWebhookDelivery(input, id, JSON.stringify(body));
}

/** What each mapped field reads in the test record; the score is the lowest of its scale, so it is clearly a test. */
function testValues(mapping: Partial<Record<MappedField, string>>, id: string, now: number) {
  const literal = (field: MappedField) => (mapping[field]?.startsWith("/") ? undefined : mapping[field]);
  const scale = ZScale.safeParse(literal("scale")?.trim().toLowerCase() ?? "nps");
  const range = { min: Number(literal("scaleMin") ?? 0), max: Number(literal("scaleMax") ?? 10) };
  const score = mapping.scale && scale.success ? scaleBounds(scale.data as Scale, range)?.min : undefined;
  return {
    externalId: id,
    text: TEST_EVENT_TEXT,
    title: "Firebreak test event",
    occurredAt: new Date(now).toISOString(),
    customerId: "firebreak-test",
    tags: ["test"],
    channel: "web",
    kind: "survey",
    scale: "nps",
    scaleMin: 0,
    scaleMax: 10,
    score,
  } satisfies Partial<Record<MappedField, unknown>>;
}

/** Objects without a prototype, so a pointer such as `/__proto__/x` only ever names a plain key. */
const blank = (): Record<string, unknown> => Object.create(null);

/** Sets `value` at `pointer` in `document`, creating objects (or arrays, for index tokens) on the way. */
function place(document: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const tokens = parsePointer(pointer) ?? [];
  let current: Record<string, unknown> | unknown[] = document;
  tokens.forEach((token, index) => {
    const key = Array.isArray(current) ? Number(token) : token;
    const slot = current as Record<string | number, unknown>;
    if (index === tokens.length - 1) {
      slot[key] = value;
      return;
    }
    slot[key] ??= /^(0|[1-9]\d*)$/.test(tokens[index + 1] ?? "") ? [] : blank();
    current = slot[key] as Record<string, unknown> | unknown[];
  });
  return document;
}
