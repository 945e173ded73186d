/**
 * `/api/docs`: the OpenAPI document as one server-rendered HTML page. No JavaScript and no CDN, so it works offline
 * and under a CSP that admits only its own stylesheet (by hash): operations by tag with their scope, parameters, body
 * fields, responses and a curl example; then every schema, the error shape among them.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";

export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

/** JSON Schema as the document holds it; read loosely, since only what a reader needs is shown. */
type Schema = { [key: string]: unknown };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

// Code blocks wrap rather than scroll: a scrolling block would need keyboard focus of its own. Tables do scroll, in a
// focusable region (`scrollingTable`).
const STYLESHEET = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#4a5260;--line:#d5d9e0;--code:#f3f5f8;--link:#0b57c4;
--get:#0f5c2e;--post:#0b4a9c;--put:#6b4400;--patch:#6b4400;--delete:#a01b1b}
@media (prefers-color-scheme:dark){:root{--bg:#14171c;--fg:#e8eaee;--muted:#b3bac5;--line:#3a414c;--code:#1f242c;
--link:#8ab8ff;--get:#7ddc9c;--post:#9cc4ff;--put:#f3c470;--patch:#f3c470;--delete:#ff9c9c}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header,main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:1px solid var(--line)}
h1{font-size:1.9rem;margin:.5rem 0}h2{font-size:1.45rem;margin:2.5rem 0 .75rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:2rem 0 .5rem;overflow-wrap:anywhere}h4{font-size:1rem;margin:1.25rem 0 .4rem}
code,pre{font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--code);padding:.05rem .3rem;border-radius:4px;overflow-wrap:anywhere}
pre{background:var(--code);padding:.75rem 1rem;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}pre code{padding:0}
.scroll{overflow-x:auto;margin:.25rem 0 1rem}.scroll:focus-visible{outline:2px solid var(--link)}
table{border-collapse:collapse;width:100%;min-width:34rem;font-size:.95rem}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.4rem .5rem}
th{font-weight:600}td p{margin:0 0 .3rem}td:first-child code{white-space:nowrap}
.method{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
.get{color:var(--get)}.post{color:var(--post)}.put{color:var(--put)}.patch{color:var(--patch)}.delete{color:var(--delete)}
.muted{color:var(--muted)}.op{border-top:1px solid var(--line);margin-top:2rem}
nav ul{padding-left:1.25rem}nav li{margin:.15rem 0}
`;

/** The page's Content-Security-Policy: nothing but its own stylesheet, admitted by hash. */
export async function docsPagePolicy(): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(STYLESHEET));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

/** The markdown the document's descriptions use: paragraphs, `- ` lists, `code`. */
function prose(text: string | undefined): string {
  if (!text) return "";
  const inline = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>");
  return text
    .split(/\n\n+/)
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => l.startsWith("- ")))
        return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join("")}</ul>`;
      return `<p>${inline(block)}</p>`;
    })
    .join("");
}

const refName = (schema: Schema) =>
  typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : undefined;

const alternatives = (schema: Schema) => (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;

/** A schema's type as a reader says it: `string (date-time) or null`, `array of Theme`, `one of "a", "b"`. */
function typeLabel(schema: Schema): string {
  const ref = refName(schema);
  if (ref) return `<a href="#schema-${escapeHtml(ref)}">${escapeHtml(ref)}</a>`;
  if ("const" in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum) && schema.enum.length === 1)
    return `<code>${escapeHtml(JSON.stringify(schema.enum[0]))}</code>`;
  if (Array.isArray(schema.enum))
    return `one of ${schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(", ")}`;
  const options = alternatives(schema);
  if (options) return options.map(typeLabel).join(" or ");
  if (Array.isArray(schema.allOf)) return (schema.allOf as Schema[]).map(typeLabel).join(" with ");
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"]) as string[];
  return types
    .map((type) => {
      if (type === "array") return `array of ${typeLabel((schema.items as Schema) ?? {})}`;
      if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object")
        return `map of ${typeLabel(schema.additionalProperties as Schema)}`;
      return typeof schema.format === "string" ? `${type} (${escapeHtml(schema.format)})` : escapeHtml(type);
    })
    .join(" or ");
}

/** Limits and defaults worth knowing before sending a value. */
function constraints(schema: Schema): string[] {
  const out: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && max !== undefined) out.push(`${min}–${max}${unit}`);
    else if (min !== undefined) out.push(`at least ${min}${unit}`);
    else if (max !== undefined) out.push(`at most ${max}${unit}`);
  };
  range(schema.minLength, schema.maxLength, " characters");
  range(schema.minimum, schema.maximum, "");
  range(schema.minItems, schema.maxItems, " items");
  if (typeof schema.pattern === "string") out.push(`matches <code>${escapeHtml(schema.pattern)}</code>`);
  if ("default" in schema) out.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  return out;
}

interface Field {
  name: string;
  schema: Schema;
  required: boolean;
}

/** An object's fields, inline nested objects flattened as `a.b` and `a[].b` (named schemas link instead). */
function fields(schema: Schema, prefix = "", depth = 0): Field[] {
  if (Array.isArray(schema.allOf)) return (schema.allOf as Schema[]).flatMap((part) => fields(part, prefix, depth));
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!properties || depth > 3) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([key, value]) => {
    const name = `${prefix}${key}`;
    const nullable = alternatives(value)?.find((s) => s.type !== "null");
    const inner = value.properties ? value : nullable?.properties ? nullable : undefined;
    const items = value.type === "array" ? (value.items as Schema | undefined) : undefined;
    return [
      { name, schema: value, required: required.has(key) },
      ...(inner ? fields(inner, `${name}.`, depth + 1) : []),
      ...(items?.properties ? fields(items, `${name}[].`, depth + 1) : []),
    ];
  });
}

/** A table that scrolls sideways inside itself on a narrow screen; focusable so a keyboard can scroll it too. */
function scrollingTable(label: string, head: string[], rows: string): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join("");
  return `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}"><table><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** An object schema: what it extends (an `allOf` of named schemas), then its own fields. */
function objectSchema(schema: Schema, label: string): string {
  const shapes = alternatives(schema)?.filter((s) => s.properties);
  if (shapes?.length)
    return `<p>One of these shapes:</p>${shapes.map((shape, i) => fieldTable(fields(shape), `${label}, shape ${i + 1}`)).join("")}`;
  const bases = ((schema.allOf as Schema[] | undefined) ?? []).filter(refName);
  const extended = bases.length > 0 ? `<p>Every field of ${bases.map(typeLabel).join(" and ")}, and:</p>` : "";
  return extended + fieldTable(fields(schema), label);
}

function fieldTable(list: Field[], label: string): string {
  if (list.length === 0) return "";
  const rows = list
    .map(({ name, schema, required }) => {
      const notes = [prose(schema.description as string | undefined), ...constraints(schema).map((c) => `<p>${c}</p>`)];
      return `<tr><td><code>${escapeHtml(name)}</code></td><td>${typeLabel(schema)}</td><td>${required ? "yes" : "no"}</td><td>${notes.join("")}</td></tr>`;
    })
    .join("");
  return scrollingTable(label, ["Field", "Type", "Required", "Notes"], rows);
}

/** A value that fits `schema`, for the curl examples: its example, default or first option, else a placeholder. */
function sample(schema: Schema, components: Record<string, Schema>, depth = 0): unknown {
  const ref = refName(schema);
  if (ref) return depth > 4 ? {} : sample(components[ref] ?? {}, components, depth + 1);
  if ("example" in schema) return schema.example;
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const option = alternatives(schema)?.find((s) => s.type !== "null");
  if (option) return sample(option, components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string") return schema.format === "date-time" ? "2026-11-20T10:00:00Z" : "text";
  if (type === "number" || type === "integer") return (schema.minimum as number | undefined) ?? 1;
  if (type === "boolean") return true;
  if (type === "array") return [sample((schema.items as Schema) ?? {}, components, depth + 1)];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required as string[] | undefined) ?? [];
  // All-optional bodies (a PATCH) show one field: an empty one would be refused as "nothing to change".
  const keys = required.length > 0 ? required : Object.keys(properties).slice(0, 1);
  return Object.fromEntries(keys.map((k) => [k, sample(properties[k] ?? {}, components, depth + 1)]));
}

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { required?: boolean; description?: string; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  "x-required-scope"?: string;
};

function curl(server: string, method: string, path: string, op: Operation, components: Record<string, Schema>) {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = op.parameters?.find((p) => p.name === name);
    return String(param?.schema?.example ?? `<${name}>`);
  });
  const lines = [`curl -X ${method.toUpperCase()} "${server}${url}"`];
  if (op["x-required-scope"]) lines.push(`  -H "Authorization: Bearer $FIREBREAK_TOKEN"`);
  const content = op.requestBody?.content ?? {};
  const json = content["application/json"]?.schema;
  if (json && op["x-required-scope"]) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(sample(json, components))}'`);
  } else if (json) {
    lines.push(
      `  -H "Content-Type: application/json"`,
      "  --data-binary @payload.json  # plus the provider's signature headers",
    );
  }
  return `<pre><code>${escapeHtml(lines.join(" \\\n"))}</code></pre>`;
}

function operationSection(
  server: string,
  method: string,
  path: string,
  op: Operation,
  components: Record<string, Schema>,
) {
  const id = `op-${op.operationId ?? `${method}-${path}`}`;
  const title = `${method.toUpperCase()} ${path}`;
  const parts = [
    `<section class="op" aria-labelledby="${escapeHtml(id)}"><h3 id="${escapeHtml(id)}"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    op.summary ? `<p><strong>${escapeHtml(op.summary)}</strong></p>` : "",
    prose(op.description),
  ];
  const params = op.parameters ?? [];
  if (params.length > 0) {
    const rows = params
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${typeLabel(p.schema ?? {})}</td><td>${p.required ? "yes" : "no"}</td><td>${prose(p.description)}${constraints(
            p.schema ?? {},
          )
            .map((c) => `<p>${c}</p>`)
            .join("")}</td></tr>`,
      )
      .join("");
    parts.push(
      `<h4>Parameters</h4>`,
      scrollingTable(`Parameters of ${title}`, ["Name", "In", "Type", "Required", "Notes"], rows),
    );
  }
  if (op.requestBody) {
    const body = op.requestBody;
    const media = Object.keys(body.content ?? {});
    parts.push(
      `<h4>Request body</h4><p>${media.map((m) => `<code>${escapeHtml(m)}</code>`).join(" or ")}${body.required ? "" : " (optional)"}.</p>`,
      prose(body.description),
    );
    const schema = body.content?.["application/json"]?.schema;
    if (schema) {
      const ref = refName(schema);
      const resolved = ref ? (components[ref] ?? {}) : schema;
      parts.push(ref ? `<p>A ${typeLabel(schema)}.</p>` : "", objectSchema(resolved, `Body fields of ${title}`));
    }
  }
  const responses = Object.entries(op.responses ?? {})
    .map(([status, response]) => {
      const schema = response.content?.["application/json"]?.schema;
      return `<tr><td>${escapeHtml(status)}</td><td>${prose(response.description)}</td><td>${schema ? typeLabel(schema) : "no body"}</td></tr>`;
    })
    .join("");
  parts.push(
    `<h4>Responses</h4>`,
    scrollingTable(`Responses of ${title}`, ["Status", "Meaning", "Body"], responses),
    `<h4>Example</h4>`,
    curl(server, method, path, op, components),
    "</section>",
  );
  return parts.join("");
}

/** The whole page for `document`. */
export function renderDocsPage(document: OpenApiDocument): string {
  const doc = document as unknown as {
    info: { title: string; version: string; description?: string };
    servers?: Array<{ url: string }>;
    tags?: Array<{ name: string; description?: string }>;
    paths?: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, Schema> };
  };
  const server = doc.servers?.[0]?.url ?? "";
  const components = doc.components?.schemas ?? {};
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );
  const tags = [...(doc.tags ?? [])];
  for (const { op } of operations)
    for (const tag of op.tags ?? []) if (!tags.some((t) => t.name === tag)) tags.push({ name: tag });
  const tagId = (name: string) => `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

  const toc = tags
    .map((tag) => {
      const ops = operations.filter(({ op }) => op.tags?.includes(tag.name));
      const links = ops
        .map(
          ({ path, method, op }) =>
            `<li><a href="#op-${escapeHtml(op.operationId ?? "")}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
        )
        .join("");
      return `<li><a href="#${tagId(tag.name)}">${escapeHtml(tag.name)}</a><ul>${links}</ul></li>`;
    })
    .join("");

  const groups = tags
    .map((tag) => {
      const ops = operations.filter(({ op }) => op.tags?.includes(tag.name));
      return `<section aria-labelledby="${tagId(tag.name)}"><h2 id="${tagId(tag.name)}">${escapeHtml(tag.name)}</h2>${prose(tag.description)}${ops
        .map(({ path, method, op }) => operationSection(server, method, path, op, components))
        .join("")}</section>`;
    })
    .join("");

  const schemas = Object.entries(components)
    .map(([name, schema]) => {
      const example =
        "example" in schema ? `<pre><code>${escapeHtml(JSON.stringify(schema.example, null, 2))}</code></pre>` : "";
      const table =
        schema.properties || schema.allOf || alternatives(schema)
          ? objectSchema(schema, `${name} fields`)
          : `<p>${typeLabel(schema)}</p>`;
      return `<section aria-labelledby="schema-${escapeHtml(name)}"><h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3>${prose(schema.description as string | undefined)}${table}${example}</section>`;
    })
    .join("");

  const auth = Object.entries(doc.components?.securitySchemes ?? {})
    .map(
      ([name, scheme]) => `<p><code>${escapeHtml(name)}</code>: ${prose(scheme.description as string | undefined)}</p>`,
    )
    .join("");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>${STYLESHEET}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the reference</a>
<header>
<h1>${escapeHtml(doc.info.title)} <span class="muted">${escapeHtml(doc.info.version)}</span></h1>
${prose(doc.info.description)}
<p>Base URL: <code>${escapeHtml(server)}</code> · The machine-readable document: <a href="/api/openapi.json">OpenAPI 3.1 JSON</a></p>
</header>
<main id="main">
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>${toc}<li><a href="#schemas">Schemas</a></li></ul></nav>
<section aria-labelledby="authentication"><h2 id="authentication">Authentication and errors</h2>${auth}
<p>Every error, on every endpoint, is the <a href="#schema-Error">Error</a> shape <code>{"error": {"code", "message", "requestId"}}</code>; branch on <code>code</code>.</p></section>
${groups}
<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${schemas}</section>
</main>
</body>
</html>`;
}
