/**
 * Alert destinations in the web app: the outbound settings the Worker was started with, and the form actions the
 * destinations list and a destination's log share (create, enable/disable, delete, send a test, retry a delivery).
 * Owners manage destinations: a webhook's secret and a Slack URL reach outside the workspace.
 * @module
 */
import { DESTINATION_KINDS, loopbackAllowed } from "@firebreak/core/outbound/destination";
import * as destinations from "@firebreak/db/queries/destinations";
import * as outbound from "@firebreak/db/queries/outbound";
import { error } from "@sveltejs/kit";
import { z } from "zod";
import { formAction, refuse } from "./form-action.ts";
import { publicOrigin } from "./share-forms.ts";

const OWNER = { role: "owner" } as const;

/**
 * The secrets key and whether targets may be loopback. `OUTBOUND_ALLOW_LOOPBACK=on` in production is a broken
 * deployment, refused like the ingest Worker refuses to start with it, never quietly honoured.
 */
export function outboundSettings(platform: App.Platform | undefined) {
  const env = platform?.env;
  if (env?.OUTBOUND_ALLOW_LOOPBACK === "on" && env.ENVIRONMENT === "production")
    error(503, { message: "OUTBOUND_ALLOW_LOOPBACK must not be on in production; remove it from the web Worker." });
  if (!env?.SECRETS_KEY) error(503, { message: "Destinations are not configured: the web app needs SECRETS_KEY." });
  return { secretsKey: env.SECRETS_KEY, allowLoopback: loopbackAllowed(env ?? {}) };
}

const ZCreate = z.object({
  kind: z.enum(DESTINATION_KINDS, "Choose where alerts go."),
  name: z
    .string()
    .trim()
    .min(1, "Name the destination after where alerts land.")
    .max(80, "Keep the name under 80 characters."),
  target: z.string().trim().max(2048, "That is too long for a URL or an address.").optional(),
  allRules: z.literal("on").optional(),
});
const ZId = z.object({ id: z.string().min(1).max(64) });
const ZToggle = ZId.extend({ enabled: z.enum(["true", "false"]) });
const ZRetry = ZId.extend({ deliveryId: z.string().min(1).max(64) });

/** A new webhook's signing secret, in this response only. */
interface Created {
  done: string;
  created: { id: string; name: string; kind: string; secret: string | null };
}

/** The form actions of the destinations pages; each names the destination in an `id` field. */
export const destinationActions = {
  create: formAction<z.infer<typeof ZCreate>, Created>(
    ZCreate,
    async (db, workspaceId, input, by, event) => {
      const settings = outboundSettings(event.platform);
      const created = await destinations.create(
        db,
        workspaceId,
        // The inbox takes no target: a value left in the hidden field is not a mistake of the reader's.
        { ...input, target: input.kind === "inbox" ? undefined : input.target, allRules: input.allRules === "on" },
        { ...by, ...settings },
      );
      if (!created.ok) {
        // `target: address in 10.0.0.0/8 is not public` → beside the target field, as a sentence.
        const [field, ...rest] = created.message.split(": ");
        const reason = rest.length ? rest.join(": ") : created.message;
        const message = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
        return refuse(400, message, field === "target" ? { fields: { target: message } } : undefined);
      }
      const { destination, secret } = created;
      return {
        done:
          input.allRules === "on"
            ? `Added ${destination.name}: every alert rule sends to it.`
            : `Added ${destination.name}. Choose the alert rules that send to it under Alerts → Rules.`,
        created: { id: destination.id, name: destination.name, kind: destination.kind, secret },
      };
    },
    OWNER,
  ),
  toggle: formAction(
    ZToggle,
    async (db, workspaceId, { id, enabled }, by) => {
      const updated = await destinations.update(db, workspaceId, id, { enabled: enabled === "true" }, by);
      if (!updated) return refuse(404, "That destination no longer exists.");
      return updated.enabled
        ? `${updated.name} is on: new alerts go there.`
        : `${updated.name} is off: it gets no new alerts, and what was queued for it is not sent.`;
    },
    OWNER,
  ),
  remove: formAction(
    ZId,
    async (db, workspaceId, { id }, by) => {
      if (!(await destinations.remove(db, workspaceId, id, by)))
        return refuse(404, "That destination no longer exists.");
      return "Deleted, with its delivery log.";
    },
    OWNER,
  ),
  test: formAction(
    ZId,
    async (db, workspaceId, { id }, by, event) => {
      const sent = await destinations.sendTest(db, workspaceId, id, {
        ...by,
        appUrl: publicOrigin(event.platform, event.url),
      });
      if (!sent.ok) return refuse(sent.status, sent.message);
      return "Test queued: the next delivery run (every 5 minutes) sends it, signed like any alert; it shows in the log.";
    },
    OWNER,
  ),
  retry: formAction(
    ZRetry,
    async (db, workspaceId, { id, deliveryId }, by) => {
      if (!(await outbound.retryNow(db, workspaceId, id, deliveryId, by.now)))
        return refuse(409, "Only a failed or refused delivery can be retried; this one is not.");
      return "Queued again: the next delivery run sends it, with the same webhook id.";
    },
    OWNER,
  ),
};
