/**
 * `/api/v1/policy`: the human-moments policy for bots and routing engines. `GET /human-moments` is the document (every
 * human moment and the attributes that identify it), cacheable with a strong ETag; `POST /check` answers whether an
 * action may run at a touchpoint, named or placed from a conversation's attributes. Both need only the `read` scope:
 * neither changes anything.
 * @module
 */
import { policyDocument, ZHumanMomentPolicy, ZPolicyCheckRequest, ZPolicyDecision } from "@firebreak/core";
import { policy } from "@firebreak/db";
import { ApiError } from "../errors.ts";
import { apiRoute, apiRouter, jsonBody, jsonResponse } from "../openapi.ts";

const UNKNOWN = "No such touchpoint in this workspace.";
/** Bots may cache the policy briefly; a lead's change reaches them within a minute (or at once, by revalidating). */
const CACHE_CONTROL = "private, max-age=60";

const document = apiRoute({
  method: "get",
  path: "/human-moments",
  operationId: "getHumanMomentPolicy",
  tag: "Policy",
  scope: "read",
  summary: "The human-moments policy",
  description:
    "Every touchpoint a lead marked “never automate”, with the reason, the owner and what identifies it (sources, tags, intents, channels) so your bot or router can match its own conversations. Send the ETag back in `If-None-Match`: a 304 means nothing changed.",
  responses: {
    200: {
      ...jsonResponse(ZHumanMomentPolicy, "The policy."),
      headers: {
        ETag: { description: "Strong: the policy's `version`, quoted.", schema: { type: "string" } },
        "Cache-Control": { description: CACHE_CONTROL, schema: { type: "string" } },
      },
    },
    304: { description: "Not modified since the ETag you sent." },
  },
});

const check = apiRoute({
  method: "post",
  path: "/check",
  operationId: "checkHumanMomentPolicy",
  tag: "Policy",
  scope: "read",
  summary: "Check an action against the policy",
  description:
    "Names the touchpoint (`touchpointId`) or describes the conversation (`attributes`, placed by the workspace's rules and the source's default touchpoint, as ingest places feedback), and the action you would take. An automated, customer-facing action at a human moment is denied with a reason; a person's follow-up and internal actions are allowed. Changes nothing.",
  request: { body: jsonBody(ZPolicyCheckRequest) },
  responses: { 200: jsonResponse(ZPolicyDecision, "The decision, why, and the human moment that applies.") },
  errors: { 404: UNKNOWN },
});

export const policyRoutes = apiRouter()
  .openapi(document, async (c) => {
    const { workspaceId } = c.get("auth");
    const content = await policy.content(c.get("db"), workspaceId);
    if (!content) throw new ApiError("not_found", "No such workspace.");
    const body = await policyDocument(content, c.get("options").now());
    const etag = `"${body.version}"`;
    c.header("etag", etag);
    c.header("cache-control", CACHE_CONTROL);
    const asked = c.req.header("if-none-match");
    if (asked && (asked.trim() === "*" || asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)))
      return c.body(null, 304);
    return c.json(body, 200);
  })
  .openapi(check, async (c) => {
    const decision = await policy.check(c.get("db"), c.get("auth").workspaceId, c.req.valid("json"));
    if (!decision) throw new ApiError("not_found", UNKNOWN);
    return c.json(decision, 200);
  });
