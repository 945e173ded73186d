/**
 * The audit log in words: what each action means, who the actor is, where the target lives (when it still exists),
 * and an entry's details as labelled fields rather than JSON. Pure: the page's load gathers the rows and names.
 * @module
 */
import type { ActorNames, AuditTarget } from "@firebreak/db/queries/audit";
import { formatDateTime } from "../import/format.ts";

/** What a kind of action is about: the part of an action before the dot. */
const KINDS: Record<string, string> = {
  action_item: "Action items",
  api_token: "API tokens",
  customer: "Personal data",
  delivery: "Deliveries",
  destination: "Alert destinations",
  human_moment: "Human moments",
  item: "Feedback items",
  journey: "Journeys",
  member: "People",
  persona: "Personas",
  review: "Review sessions",
  rule: "Placement rules",
  segment: "Segments",
  share_link: "Share links",
  source: "Sources",
  stage: "Stages",
  theme: "Recurring issues",
  touchpoint: "Touchpoints",
  workspace: "Workspace",
};

/** Each action the product records, as a sentence about its target. */
const ACTIONS: Record<string, string> = {
  "action_item.created": "Added an action item",
  "action_item.updated": "Changed an action item",
  "review.closed": "Closed a review session",
  "review.created": "Created a review session",
  "review.notes_saved": "Took notes in a review session",
  "review.started": "Started a review session (its agenda froze)",
  "api_token.created": "Created an API token",
  "api_token.revoked": "Revoked an API token",
  "customer.erased": "Erased a customer's data",
  "customer.exported": "Exported a customer's data",
  "delivery.replayed": "Replayed a delivery",
  "destination.created": "Added an alert destination",
  "destination.deleted": "Deleted an alert destination",
  "destination.disabled": "Turned off an alert destination",
  "destination.enabled": "Turned on an alert destination",
  "destination.tested": "Sent a test to an alert destination",
  "destination.updated": "Renamed an alert destination",
  "human_moment.accepted": "Accepted a suggested human moment",
  "human_moment.dismissed": "Dismissed a suggested human moment",
  "human_moment.edited": "Edited a human moment",
  "human_moment.marked": "Marked a human moment",
  "human_moment.unmarked": "Unmarked a human moment",
  "item.moved": "Moved feedback to a touchpoint",
  "journey.archived": "Archived a journey",
  "journey.created": "Created a journey",
  "journey.duplicated": "Duplicated a journey as a future state",
  "journey.moved": "Reordered a journey",
  "journey.restored": "Restored a journey",
  "journey.updated": "Edited a journey",
  "member.invitation_canceled": "Cancelled an invitation",
  "member.invited": "Invited someone to the workspace",
  "member.joined": "Joined the workspace",
  "member.removed": "Removed someone from the workspace",
  "member.role_changed": "Changed someone's role",
  "persona.create": "Created a persona",
  "persona.delete": "Deleted a persona",
  "persona.update": "Edited a persona",
  "rule.created": "Created a placement rule",
  "rule.deleted": "Deleted a placement rule",
  "rule.updated": "Edited a placement rule",
  "segment.create": "Created a segment",
  "segment.delete": "Deleted a segment",
  "segment.update": "Edited a segment",
  "share_link.created": "Shared a read-only link",
  "share_link.revoked": "Revoked a share link",
  "source.created": "Connected a source",
  "source.deleted": "Deleted a source",
  "source.enrichment_credential_removed": "Removed a source's API credential",
  "source.enrichment_credential_set": "Set a source's API credential",
  "source.paused": "Paused a source",
  "source.replayed": "Replayed a source's failed deliveries",
  "source.resumed": "Resumed a source",
  "source.secret_rotated": "Rotated a source's signing secret",
  "source.updated": "Changed a source's settings",
  "stage.created": "Added a stage",
  "stage.deleted": "Deleted a stage",
  "stage.moved": "Moved a stage",
  "stage.restored": "Restored a deleted stage",
  "stage.updated": "Edited a stage",
  "theme.created_from_items": "Created a recurring issue from feedback",
  "theme.merged": "Merged a recurring issue into another",
  "theme.pinned": "Pinned a recurring issue",
  "theme.split": "Split feedback off a recurring issue",
  "theme.unpinned": "Unpinned a recurring issue",
  "theme.updated": "Edited a recurring issue",
  "touchpoint.created": "Added a touchpoint",
  "touchpoint.deleted": "Deleted a touchpoint",
  "touchpoint.moved": "Moved a touchpoint",
  "touchpoint.restored": "Restored a deleted touchpoint",
  "touchpoint.updated": "Edited a touchpoint",
  "workspace.created": "Created the workspace",
  "workspace.retention_updated": "Changed how long data is kept",
};

const TARGET_TYPES: Record<string, string> = {
  action_item: "Action item",
  api_token: "API token",
  customer: "Customer",
  delivery: "Delivery",
  destination: "Alert destination",
  invitation: "Invitation",
  journey: "Journey",
  member: "Member",
  review_session: "Review session",
  rule: "Placement rule",
  segment: "Segment",
  share_link: "Share link",
  source: "Source",
  stage: "Stage",
  theme: "Recurring issue",
  touchpoint: "Touchpoint",
  workspace: "Workspace",
};

/** Where each kind of target is shown; kinds missing here (rules) have no page of their own. */
const TARGET_HREFS: Record<string, (id: string, target: AuditTarget) => string | null> = {
  api_token: (id) => `/settings/tokens#token-${encodeURIComponent(id)}`,
  delivery: (_id, t) => (t.parentId ? `/sources/${encodeURIComponent(t.parentId)}` : null),
  destination: (id) => `/settings/destinations/${encodeURIComponent(id)}`,
  journey: (id) => `/journeys/${encodeURIComponent(id)}`,
  action_item: () => "/reviews/actions",
  member: () => "/settings/members",
  review_session: (id) => `/reviews/${encodeURIComponent(id)}`,
  segment: () => "/segments",
  source: (id) => `/sources/${encodeURIComponent(id)}`,
  stage: (_id, t) => (t.parentId ? `/journeys/${encodeURIComponent(t.parentId)}/edit` : null),
  theme: () => "/themes",
  touchpoint: (id) => `/touchpoints/${encodeURIComponent(id)}`,
};

/** `secret_rotated` → "secret rotated"; `expiresAt` → "expires at". */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .trim()
    .toLowerCase();
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An action's kind: `source.secret_rotated` → `source`. */
export const kindOf = (action: string) => action.split(".")[0] ?? action;

export function kindLabel(kind: string): string {
  return KINDS[kind] ?? capitalised(words(kind));
}

/** An action as a sentence; actions recorded by newer code than this list still read sensibly. */
export function describeAction(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const [kind = "", ...rest] = action.split(".");
  return capitalised(`${words(rest.join(" ")) || "changed"} (${words(kind)})`);
}

export interface ActionGroup {
  kind: string;
  label: string;
  actions: Array<{ value: string; label: string }>;
}

/** The action filter's choices: the workspace's recorded actions, grouped by kind. */
export function actionGroups(actions: readonly string[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const action of actions) {
    const kind = kindOf(action);
    const group = groups.get(kind) ?? { kind, label: kindLabel(kind), actions: [] };
    group.actions.push({ value: action, label: describeAction(action) });
    groups.set(kind, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Actors that are no person or token (the same words as `actors.ts` uses elsewhere in the app). */
const FIXED_ACTORS: Record<string, string> = {
  system: "Firebreak",
  "system:demo": "Demo setup",
  // Changes made before sign-in existed.
  "user:web": "Web app (before sign-in)",
};

/** Who acted, in words: a person with their email, an API token by name and prefix, or Firebreak itself. */
export function actorLabel(actor: string, names: ActorNames): string {
  if (FIXED_ACTORS[actor]) return FIXED_ACTORS[actor];
  if (actor.startsWith("user:")) {
    const user = names.users.get(actor.slice(5));
    return user ? `${user.name} (${user.email})` : `A former member (${actor.slice(5)})`;
  }
  if (actor.startsWith("token:")) {
    const token = names.tokens.get(actor.slice(6));
    return token ? `API token “${token.name}” (${token.prefix}…)` : `A deleted API token (${actor.slice(6)})`;
  }
  return actor.startsWith("system") ? "Firebreak" : actor;
}

export interface TargetView {
  type: string;
  /** The target's name now, else what the entry recorded, else its id. */
  label: string;
  href: string | null;
  /** The target had a page but is gone (deleted, or never existed in this workspace). */
  gone: boolean;
}

export function targetView(
  entry: { targetType: string; targetId: string | null; details: Record<string, unknown> },
  found: AuditTarget | undefined,
): TargetView | null {
  if (!entry.targetId) return null;
  const recorded = [entry.details.name, entry.details.label, entry.details.email].find(
    (v): v is string => typeof v === "string",
  );
  const link = TARGET_HREFS[entry.targetType];
  return {
    type: TARGET_TYPES[entry.targetType] ?? capitalised(words(entry.targetType)),
    label: found?.name ?? recorded ?? entry.targetId,
    href: found && link ? link(entry.targetId, found) : null,
    gone: Boolean(link) && !found,
  };
}

/** A value in an entry's details, ready for the page: text, a list, or labelled fields. */
export type DetailValue =
  | { kind: "text"; text: string }
  | { kind: "list"; items: DetailValue[] }
  | { kind: "fields"; fields: DetailField[] };

export interface DetailField {
  label: string;
  value: DetailValue;
}

/** Keys whose plain words would mislead or read badly. */
const LABELS: Record<string, string> = {
  basedOnJourneyId: "Copied from journey",
  expiresAt: "Expires",
  fromStageId: "From stage",
  itemCount: "Feedback items",
  journeyId: "Journey",
  movedTo: "Moved to",
  stageId: "Stage",
  touchpointId: "Touchpoint",
};

const MAX_LIST = 10;
const MAX_DEPTH = 3;
/** Instants recorded in ms (`…At` keys) between 2001 and 2286. */
const looksLikeInstant = (key: string, value: number) => /At$/.test(key) && value > 1e12 && value < 1e13;

function detailValue(key: string, value: unknown, depth: number): DetailValue {
  if (value === null || value === undefined) return { kind: "text", text: key === "expiresAt" ? "never" : "none" };
  if (typeof value === "boolean") return { kind: "text", text: value ? "yes" : "no" };
  if (typeof value === "number") {
    return { kind: "text", text: looksLikeInstant(key, value) ? formatDateTime(value) : value.toLocaleString("en-GB") };
  }
  if (typeof value === "string") return { kind: "text", text: value === "" ? "(empty)" : value };
  if (depth >= MAX_DEPTH) return { kind: "text", text: JSON.stringify(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: "text", text: "none" };
    if (value.every((v) => typeof v !== "object" || v === null)) {
      const shown = value.slice(0, MAX_LIST).map((v) => String(v));
      const more = value.length - shown.length;
      return { kind: "text", text: shown.join(", ") + (more > 0 ? ` and ${more} more` : "") };
    }
    const items = value.slice(0, MAX_LIST).map((v) => detailValue(key, v, depth + 1));
    if (value.length > MAX_LIST) items.push({ kind: "text", text: `and ${value.length - MAX_LIST} more` });
    return { kind: "list", items };
  }
  if (typeof value === "object") {
    const fields = detailFields(value as Record<string, unknown>, depth + 1);
    return fields.length === 0 ? { kind: "text", text: "none" } : { kind: "fields", fields };
  }
  return { kind: "text", text: String(value) };
}

/** An entry's details as labelled fields, nested where the details nest (three levels, then compact text). */
export function detailFields(details: Record<string, unknown>, depth = 0): DetailField[] {
  return Object.entries(details).map(([key, value]) => ({
    label: LABELS[key] ?? capitalised(words(key)),
    value: detailValue(key, value, depth),
  }));
}
