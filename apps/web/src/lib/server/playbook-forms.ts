/**
 * The playbook pages' server side: the form as one flat set of fields turned into the core's playbook input, the
 * choices the form offers (destinations, touchpoints with human moments marked, recurring issues), saving with the
 * policy's 409 explained, and dry runs.
 * @module
 */
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  PLAYBOOK_ACTION_KINDS,
  PLAYBOOK_CHANGES,
  TICKET_PRIORITIES,
  ZPlaybookInput,
} from "@firebreak/core";
import type { Db } from "@firebreak/db/client";
import * as playbookRuns from "@firebreak/db/pipelines/playbooks";
import * as playbooks from "@firebreak/db/queries/playbooks";
import type { Actor } from "@firebreak/db/queries/themes";
import * as themes from "@firebreak/db/queries/themes";
import { z } from "zod";
import { type ChangeOutcome, listOf, refuse } from "./form-action.ts";

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** The form's fields, each as the browser sends it; checkboxes as lists or "on". */
const ZFields = z.object({
  name: z.string(),
  kinds: listOf(z.enum(ALERT_RULE_KINDS)),
  minSeverity: z.enum(ALERT_SEVERITIES, "Choose a minimum severity."),
  touchpointId: optional,
  themeId: optional,
  on: listOf(z.enum(PLAYBOOK_CHANGES)),
  actionKind: z.enum(PLAYBOOK_ACTION_KINDS, "Choose what the playbook does."),
  destinationId: optional,
  connectUrl: optional,
  zendeskSubdomain: optional,
  zendeskEmail: optional,
  zendeskToken: optional,
  priority: z.enum(TICKET_PRIORITIES).optional(),
  tags: optional,
  note: optional,
  customerFacing: z.literal("on").optional(),
  enabled: z.literal("on").optional(),
});

/** "New destination" in the destination select: the connect fields apply. */
export const NEW_DESTINATION = "new";

function actionOf(f: z.infer<typeof ZFields>) {
  const connecting = !f.destinationId || f.destinationId === NEW_DESTINATION;
  const note = f.note;
  if (f.actionKind === "ticket") {
    const tags = (f.tags ?? "")
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    const connect = {
      subdomain: f.zendeskSubdomain ?? "",
      email: f.zendeskEmail ?? "",
      apiToken: f.zendeskToken ?? "",
    };
    return {
      kind: f.actionKind,
      ...(connecting ? { connect } : { destinationId: f.destinationId }),
      priority: f.priority ?? "normal",
      tags,
      note,
    };
  }
  return {
    kind: f.actionKind,
    ...(connecting ? { connect: { url: f.connectUrl ?? "" } } : { destinationId: f.destinationId }),
    note,
  };
}

/** The form, as the core's playbook input: the same validation as the API's, its problems the form's. */
export const ZPlaybookForm = ZFields.transform((f, ctx) => {
  const parsed = ZPlaybookInput.safeParse({
    name: f.name,
    trigger: {
      kinds: f.kinds,
      minSeverity: f.minSeverity,
      touchpointId: f.touchpointId ?? null,
      themeId: f.themeId ?? null,
      on: f.on,
    },
    action: actionOf(f),
    customerFacing: f.customerFacing === "on",
    enabled: f.enabled === "on",
  });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: "custom", path: issue.path, message: `${issue.path.join(".")}: ${issue.message}` });
  return z.NEVER;
});

interface SaveEnv {
  SECRETS_KEY?: string;
}

/** Creates or changes a playbook; a refusal at a human moment carries the moment for the page to explain. */
export async function save(
  db: Db,
  workspaceId: string,
  input: z.output<typeof ZPlaybookForm>,
  by: Actor,
  env: SaveEnv | undefined,
  playbookId?: string,
): Promise<ChangeOutcome<{ done: string; playbookId: string; signingSecret: string | null }>> {
  const connects = "connect" in input.action && input.action.connect;
  if (connects && !env?.SECRETS_KEY)
    return refuse(
      503,
      "Connecting a destination needs the SECRETS_KEY the ingest Worker encrypts with; the web app has none.",
    );
  const actor = { ...by, secretsKey: env?.SECRETS_KEY ?? "" };
  const change = playbookId
    ? await playbooks.update(db, workspaceId, playbookId, input, actor)
    : await playbooks.create(db, workspaceId, input, actor);
  if (!change.ok) {
    const moment = change.humanMoment;
    return refuse(
      change.status,
      change.message,
      moment
        ? {
            details: {
              humanMoment: {
                name: moment.name,
                journey: moment.journey.name,
                stage: moment.stage.name,
                reason: moment.reason,
                owner: moment.owner,
              },
            },
          }
        : undefined,
    );
  }
  const done = playbookId ? `Saved ${change.playbook.name}.` : `Created ${change.playbook.name}.`;
  return { done, playbookId: change.playbook.id, signingSecret: change.signingSecret };
}

/** What the form offers: destinations it can send through, touchpoints (human moments marked) and recurring issues. */
export async function choices(db: Db, workspaceId: string) {
  const [destinations, touchpoints, issues] = await Promise.all([
    playbooks.destinationChoices(db, workspaceId),
    playbooks.touchpointChoices(db, workspaceId),
    themes.list(db, workspaceId),
  ]);
  return {
    destinations: destinations.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      hint: d.targetHint,
      enabled: d.enabled,
    })),
    touchpoints,
    themes: issues.map((t) => ({ id: t.id, label: t.label })),
  };
}

/** A run as the pages show it. */
export function runView(row: playbooks.PlaybookRunRow) {
  const detail = row.detail as Partial<{
    reason: string;
    alert: { id: string; title: string; severity: string; change: string };
    humanMoment: { name: string; reason: string; owner: string };
    destination: { name: string; kind: string; hint: string | null };
    source: string;
  }>;
  return {
    id: row.id,
    dryRun: row.dryRun,
    outcome: row.outcome,
    reason: detail.reason ?? "",
    alert: detail.alert ?? null,
    humanMoment: detail.humanMoment ?? null,
    destination: detail.destination ?? null,
    source: detail.source ?? null,
    at: row.createdAt,
  };
}

/** A dry run from the page: the named alert, else the newest matching one, else a sample. */
export async function tryOut(
  db: Db,
  workspaceId: string,
  playbook: playbooks.PlaybookView,
  { alertId, appUrl, now }: { alertId?: string; appUrl: string; now: number },
) {
  const found = await playbookRuns.dryRunEvent(db, workspaceId, playbook, { alertId, appUrl, now });
  if (!found) return refuse(404, "No such alert in this workspace.");
  const run = await playbookRuns.dryRun(db, workspaceId, playbook, found, { now });
  return {
    done: "Dry run recorded: nothing was sent.",
    dryRun: {
      source: run.source,
      matched: run.matched,
      outcome: run.decision.outcome,
      reason: run.decision.reason,
      humanMoment: run.decision.humanMoment ?? null,
      alert: { title: run.event.title, severity: run.event.severity, kind: run.event.kind },
      wouldSend: run.wouldSend
        ? {
            destination: run.wouldSend.destination,
            eventType: run.wouldSend.eventType,
            body: JSON.stringify(run.wouldSend.body, null, 2),
          }
        : null,
    },
  };
}
