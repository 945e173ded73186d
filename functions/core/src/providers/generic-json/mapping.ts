/**
 * RFC 6901 JSON pointers, and the per-source field mapping that turns any JSON body (an object, an array of objects,
 * or an object holding an array of records) into normalized feedback. Pure: no I/O, no clock unless none is given.
 * @module
 */
import { handledByValue } from "../../analysis/automation.ts";
import {
  type HandledBy,
  type ItemKind,
  type NormalizedFeedback,
  type Scale,
  ZHandledByKind,
  ZItemKind,
  ZScale,
} from "../../model.ts";
import { parseProviderTime } from "../time.ts";
import type { ParseResult } from "../types.ts";
import { type FieldMapping, type MappedField, type MappingProblem, ZFieldMapping } from "./schema.ts";

/** A batch larger than this is refused: 1 MB bodies cannot hold more useful feedback records than that. */
export const MAX_RECORDS = 1000;

export type PointerLookup = { found: true; value: unknown } | { found: false; reason: string };

/**
 * Splits an RFC 6901 pointer into its reference tokens, unescaping `~1` → `/` and then `~0` → `~`.
 * Returns `undefined` for text that is not a pointer (no leading "/", or a "~" not followed by 0 or 1).
 * @example parsePointer("/a~1b/m~0n/0") // ["a/b", "m~n", "0"]
 */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const tokens = pointer.slice(1).split("/");
  if (tokens.some((token) => /~(?![01])/.test(token))) return undefined;
  // `~1` before `~0`, so that `~01` means the two characters "~1" and never "/".
  return tokens.map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Resolves an RFC 6901 pointer in a JSON value. Array tokens must be canonical indexes ("0", "12"; not "01" or "-");
 * object tokens match own keys only, so `/__proto__` finds nothing. Never throws.
 */
export function evaluatePointer(document: unknown, pointer: string): PointerLookup {
  const tokens = parsePointer(pointer);
  if (!tokens) return { found: false, reason: "not a valid JSON pointer" };
  let current = document;
  let path = "";
  for (const token of tokens) {
    path += `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const next = childOf(current, token);
    if (!next.found) return { found: false, reason: `nothing at ${path}` };
    current = next.value;
  }
  return { found: true, value: current };
}

function childOf(value: unknown, token: string): PointerLookup {
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= value.length) return { found: false, reason: "" };
    return { found: true, value: value[Number(token)] };
  }
  if (typeof value === "object" && value !== null && Object.hasOwn(value, token)) {
    return { found: true, value: (value as Record<string, unknown>)[token] };
  }
  return { found: false, reason: "" };
}

/** Any of the shapes a caller may hold a mapping in; it is validated before use. */
export type MappingInput = FieldMapping | Readonly<Record<string, string>>;

/** Mapping problems: unknown fields, non-string targets, invalid pointers, a missing `externalId`, bad literals. */
export function validateMapping(mapping: unknown): MappingProblem[] {
  const parsed = ZFieldMapping.safeParse(mapping);
  if (!parsed.success) return parsed.error.issues.flatMap(issueToProblems);
  const problems: MappingProblem[] = [];
  const report = (field: MappedField, message: string) =>
    problems.push({ field, pointer: parsed.data[field] ?? "", message });

  if (!parsed.data.externalId) report("externalId", "externalId is required");
  for (const [field, target] of Object.entries(parsed.data) as Array<[MappedField, string | undefined]>) {
    if (!target) continue;
    if (target.startsWith("/")) {
      if (!parsePointer(target)) report(field, "not a valid JSON pointer (write ~0 for ~ and ~1 for /)");
    } else if (field === "externalId" || field === "items") {
      report(field, `${field} must be a JSON pointer starting with "/"`);
    } else {
      const literal = COERCERS[field](target);
      if (!literal.ok) report(field, literal.message);
    }
  }
  return problems;
}

function issueToProblems(issue: { code: string; path: PropertyKey[]; keys?: string[] }): MappingProblem[] {
  if (issue.code === "unrecognized_keys") {
    return (issue.keys ?? []).map((key) => ({ field: key, pointer: "", message: `unknown field "${key}"` }));
  }
  const field = issue.path.map(String).join(".");
  if (!field) return [{ field: "", pointer: "", message: "the field mapping must be a JSON object" }];
  return [{ field, pointer: "", message: "must be a JSON pointer or a literal string" }];
}

/**
 * Applies a field mapping to a parsed body: every record must map, or the delivery is refused with the first problem
 * (422), so a batch is never stored half. `receivedAt` is the time of records that map no `occurredAt`.
 */
export function applyMapping(value: unknown, mapping: MappingInput, receivedAt: number = Date.now()): ParseResult {
  const { items, problems } = previewMapping(value, mapping, receivedAt);
  const first = problems[0];
  if (!first) return { kind: "events", items };
  const more = problems.length > 1 ? ` (${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return { kind: "invalid", status: 422, reason: `${describeProblem(first)}${more}` };
}

/**
 * Maps a sample body for the mapping editor: the items that map, and every problem per field (and record, for
 * batches) so the admin can fix them all at once.
 */
export function previewMapping(
  sample: unknown,
  mapping: MappingInput,
  receivedAt: number = Date.now(),
): { items: NormalizedFeedback[]; problems: MappingProblem[] } {
  const mappingProblems = validateMapping(mapping);
  if (mappingProblems.length > 0) return { items: [], problems: mappingProblems };
  const fields = mapping as FieldMapping;
  const records = recordsOf(sample, fields);
  if (!records.ok) return { items: [], problems: [records.problem] };

  const items: NormalizedFeedback[] = [];
  const problems: MappingProblem[] = [];
  records.values.forEach((record, index) => {
    const mapped = mapRecord(record, fields, receivedAt, records.batched ? index : undefined);
    if (mapped.item) items.push(mapped.item);
    problems.push(...mapped.problems);
  });
  return { items, problems };
}

/** A problem as one line: `record 2: score (/data/score): expected a number`. */
export function describeProblem(problem: MappingProblem): string {
  const where = problem.record === undefined ? "" : `record ${problem.record}: `;
  const pointer = problem.pointer ? ` (${problem.pointer})` : "";
  return `${where}${problem.field}${pointer}: ${problem.message}`;
}

type Records = { ok: true; values: unknown[]; batched: boolean } | { ok: false; problem: MappingProblem };

/** `items` points at the records of a batched body; a top-level array is a batch too; anything else is one record. */
function recordsOf(body: unknown, mapping: FieldMapping): Records {
  const pointer = mapping.items;
  let values: unknown[];
  if (pointer) {
    const found = evaluatePointer(body, pointer);
    if (!found.found) return recordsProblem(pointer, found.reason);
    if (!Array.isArray(found.value)) return recordsProblem(pointer, "expected an array of records");
    values = found.value;
  } else {
    values = Array.isArray(body) ? body : [body];
  }
  if (values.length === 0) return recordsProblem(pointer ?? "", "the body holds no records");
  if (values.length > MAX_RECORDS) return recordsProblem(pointer ?? "", `more than ${MAX_RECORDS} records`);
  return { ok: true, values, batched: Boolean(pointer) || Array.isArray(body) };
}

function recordsProblem(pointer: string, message: string): Records {
  return { ok: false, problem: { field: "items", pointer, message } };
}

function mapRecord(
  record: unknown,
  mapping: FieldMapping,
  receivedAt: number,
  index: number | undefined,
): { item?: NormalizedFeedback; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const report = (field: MappedField, message: string) =>
    problems.push({ field, pointer: mapping[field] ?? "", message, ...(index === undefined ? {} : { record: index }) });

  /** The coerced value of a field, or `undefined` when it is unmapped, absent, null or blank. */
  function read<F extends Exclude<MappedField, "items">>(field: F): CoercedValue<F> | undefined {
    const target = mapping[field];
    if (!target) return undefined;
    let raw: unknown = target;
    if (target.startsWith("/")) {
      const found = evaluatePointer(record, target);
      if (!found.found) {
        if (field === "externalId") report(field, found.reason);
        return undefined;
      }
      raw = found.value;
    }
    if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
      if (field === "externalId") report(field, "the value is empty");
      return undefined;
    }
    const coerced = COERCERS[field](raw) as Coerced<CoercedValue<F>>;
    if (!coerced.ok) {
      report(field, coerced.message);
      return undefined;
    }
    return coerced.value;
  }

  const externalId = read("externalId");
  const text = read("text") ?? "";
  const score = read("score");
  const scale = read("scale");
  const scaleMin = read("scaleMin");
  const scaleMax = read("scaleMax");
  const item = {
    kind: read("kind") ?? "survey",
    channel: read("channel") ?? "web",
    title: read("title"),
    customerId: read("customerId"),
    customerEmail: read("customerEmail"),
    tags: read("tags") ?? [],
    touchpointHint: read("touchpointHint"),
    url: read("url"),
    language: read("language"),
    occurredAt: read("occurredAt") ?? receivedAt,
    handledBy: read("handledBy") ?? undefined,
  };

  // Follow-up checks stay quiet about fields already reported, so one bad value yields one problem.
  const reported = (field: MappedField) => problems.some((problem) => problem.field === field);
  if (score !== undefined && scale === undefined && !reported("scale")) report("scale", "a score needs a scale");
  const customRange = scale === "custom" && score !== undefined ? checkCustomRange(scaleMin, scaleMax) : undefined;
  if (customRange && "problem" in customRange && !reported(customRange.field)) {
    report(customRange.field, customRange.problem);
  }
  if (text.trim() === "" && score === undefined && !reported("score") && !reported("text")) {
    report("text", "the record has neither text nor a score");
  }
  if (problems.length > 0 || externalId === undefined) return { problems };

  return {
    problems,
    item: {
      externalId,
      text,
      score,
      scale: scale ?? "none",
      scaleRange: customRange && "min" in customRange ? customRange : undefined,
      ...item,
    },
  };
}

type CustomRange = { min: number; max: number } | { field: "scaleMin" | "scaleMax"; problem: string };

/** A `custom` score is only comparable with its bounds, so both are required and must be ordered. */
function checkCustomRange(min: number | undefined, max: number | undefined): CustomRange {
  if (min === undefined) return { field: "scaleMin", problem: "a custom scale needs scaleMin" };
  if (max === undefined) return { field: "scaleMax", problem: "a custom scale needs scaleMax" };
  if (max <= min) return { field: "scaleMax", problem: "scaleMax must be above scaleMin" };
  return { min, max };
}

type Coerced<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = (message: string): Coerced<never> => ({ ok: false, message });

function asId(value: unknown): Coerced<string> {
  if (typeof value === "string" && value.trim()) return ok(value.trim());
  if (typeof value === "number" && Number.isFinite(value)) return ok(String(value));
  return fail("expected a string or a number");
}

/** Text fields accept strings, scalars, and lists of strings (several answers), joined by line breaks. */
function asText(value: unknown): Coerced<string> {
  if (typeof value === "string") return ok(value);
  if (typeof value === "number" || typeof value === "boolean") return ok(String(value));
  if (Array.isArray(value) && value.every((part) => typeof part === "string" || typeof part === "number")) {
    return ok(value.map(String).join("\n"));
  }
  return fail("expected text");
}

/** Numbers, numeric strings (a decimal comma too: "4,5"), and booleans for thumbs (true = 1). 0 is a score. */
function asNumber(value: unknown): Coerced<number> {
  if (typeof value === "number" && Number.isFinite(value)) return ok(value);
  if (typeof value === "boolean") return ok(value ? 1 : 0);
  if (typeof value === "string" && /^[-+]?\d+([.,]\d+)?$/.test(value.trim())) {
    return ok(Number(value.trim().replace(",", ".")));
  }
  return fail("expected a number");
}

function asScale(value: unknown): Coerced<Scale> {
  const parsed = ZScale.safeParse(typeof value === "string" ? value.trim().toLowerCase() : value);
  return parsed.success ? ok(parsed.data) : fail(`expected one of ${ZScale.options.join(", ")}`);
}

function asKind(value: unknown): Coerced<ItemKind> {
  const parsed = ZItemKind.safeParse(typeof value === "string" ? value.trim().toLowerCase() : value);
  return parsed.success ? ok(parsed.data) : fail(`expected one of ${ZItemKind.options.join(", ")}`);
}

/** ISO strings, and epoch numbers: below 10^11 they are seconds (until year 5138), above milliseconds. */
function asTime(value: unknown): Coerced<number> {
  const numeric = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  const parsed =
    typeof numeric === "number"
      ? parseProviderTime(numeric, Math.abs(numeric) < 1e11 ? "s" : "ms")
      : parseProviderTime(numeric);
  return parsed === undefined ? fail("expected a date or an epoch timestamp") : ok(parsed);
}

/** A list of strings (or of `{name}`/`{tag}`/`{label}`/`{value}` objects), or one comma-separated string. */
function asTags(value: unknown): Coerced<string[]> {
  if (typeof value === "string") return ok(splitTags(value));
  if (!Array.isArray(value)) return fail("expected a list of tags or a comma-separated string");
  const tags: string[] = [];
  for (const entry of value) {
    const tag = tagText(entry);
    if (tag === undefined) return fail("expected tags to be strings");
    if (tag) tags.push(tag);
  }
  return ok(tags);
}

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

function tagText(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry.trim();
  if (typeof entry === "number") return String(entry);
  if (typeof entry !== "object" || entry === null) return undefined;
  const record = entry as Record<string, unknown>;
  const named = [record.name, record.tag, record.label, record.value].find((text) => typeof text === "string");
  return typeof named === "string" ? named.trim() : undefined;
}

function asEmail(value: unknown): Coerced<string> {
  return typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value.trim())
    ? ok(value.trim())
    : fail("expected an email address");
}

function asUrl(value: unknown): Coerced<string> {
  return typeof value === "string" && /^https?:\/\/\S+$/i.test(value.trim())
    ? ok(value.trim())
    : fail("expected an http(s) URL");
}

function asLanguage(value: unknown): Coerced<string> {
  return typeof value === "string" && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(value.trim())
    ? ok(value.trim())
    : fail("expected a language code such as da or de-DE");
}

function asChannel(value: unknown): Coerced<string> {
  const id = asId(value);
  return id.ok ? ok(id.value.toLowerCase()) : id;
}

/**
 * Who handled the record, when the sender says: a kind or a bot's, macro's or rule's name (`"bot"`, `"Fin AI agent"`,
 * `"auto-reply"`), `true` for automation, `{kind, evidence}`, or a word for a person (`"agent"`, `false`: none).
 */
function asHandledBy(value: unknown): Coerced<HandledBy | null> {
  if (typeof value === "boolean") {
    return ok(value ? { kind: "automation", evidence: "Webhook: handledBy = true" } : null);
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { kind, evidence } = value as Record<string, unknown>;
    const parsed = ZHandledByKind.safeParse(kind);
    if (!parsed.success) return fail(`expected handledBy.kind to be one of ${ZHandledByKind.options.join(", ")}`);
    const said = typeof evidence === "string" && evidence.trim() ? evidence.trim().slice(0, 200) : parsed.data;
    return ok({ kind: parsed.data, evidence: `Webhook: ${said}` });
  }
  const handled = typeof value === "string" ? handledByValue("Webhook", "handledBy", value) : undefined;
  return handled === undefined
    ? fail("expected bot, macro, automation (or a name such as auto-reply), or human")
    : ok(handled);
}

const COERCERS = {
  externalId: asId,
  text: asText,
  title: asText,
  score: asNumber,
  scale: asScale,
  scaleMin: asNumber,
  scaleMax: asNumber,
  occurredAt: asTime,
  customerId: asId,
  customerEmail: asEmail,
  channel: asChannel,
  tags: asTags,
  touchpointHint: asId,
  url: asUrl,
  language: asLanguage,
  kind: asKind,
  handledBy: asHandledBy,
  items: (value: unknown) => ok(value),
} satisfies Record<MappedField, (value: unknown) => Coerced<unknown>>;

type CoercedValue<F extends MappedField> = ReturnType<(typeof COERCERS)[F]> extends Coerced<infer T> ? T : never;
