/**
 * The review pages' form fields, shared by the session, action-item and theme pages: days, statuses and an action
 * item's link ("theme:<id>" or "touchpoint:<id>"), with the messages a person reads when one is wrong.
 * @module
 */
import { ACTION_STATUSES } from "@firebreak/db/queries/action-items";
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as a date input sends it. */
export const ZDay = z
  .string()
  .trim()
  .refine((v) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Give a date as YYYY-MM-DD.");

/** An optional day: an empty field is `null`. */
export const ZOptionalDay = z.preprocess((v) => (v === "" || v === undefined ? null : v), ZDay.nullable());

/** An optional id from a select: "" is `null`. */
export const ZOptionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().max(80).nullable());

export const ZId = z.string().min(1).max(80);

export const ZActionStatus = z.enum(ACTION_STATUSES, { message: "Choose open, in progress, done or dropped." });

/** An action item's link, split into its theme or touchpoint. */
export const ZLink = z
  .preprocess((v) => (v === undefined ? "" : v), z.string().max(100))
  .transform((link) => ({
    themeId: link.startsWith("theme:") ? link.slice(6) : null,
    touchpointId: link.startsWith("touchpoint:") ? link.slice(11) : null,
  }));

export const ZNewAction = z.object({
  agendaItemId: ZOptionalId,
  title: z.string().trim().min(1, "Say what needs doing.").max(200, "Keep the title under 200 characters."),
  owner: ZOptionalId,
  dueDate: ZOptionalDay,
  link: ZLink,
});

/**
 * The action items' filters from the URL (page and CSV alike): an owner's user id or "" for anyone, and a status,
 * "unfinished" by default, `undefined` for all. An unknown value reads as the default rather than an error, like the
 * map's filters.
 */
export function actionFilterFromSearch(search: URLSearchParams) {
  const owner = search.get("owner") ?? "";
  const statusParam = search.get("status") ?? "unfinished";
  const parsed = ZActionStatus.safeParse(statusParam);
  const status = parsed.success ? parsed.data : statusParam === "all" ? undefined : ("unfinished" as const);
  return { owner, status };
}

export const ZActionStatusChange = z.object({ id: ZId, status: ZActionStatus });

export const ZFixShipped = z.object({ themeId: ZId, day: ZDay });

/** What a refused action item says, by what its link failed on. */
export const LINK_PROBLEMS: Record<string, string> = {
  owner: "The owner must be a member of this workspace.",
  theme: "That issue no longer exists.",
  touchpoint: "That touchpoint no longer exists.",
  agenda_item: "That agenda item is not part of this session.",
  session: "That review session does not exist.",
  not_started: "Start the session before adding action items.",
  closed: "The session is closed: its record is final.",
};

export const STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};
