/**
 * Bots and macros in the demo's helpdesks. A realistic share of Zendesk, Freshdesk and Intercom items carry the
 * automation evidence their webhooks would (Answer Bot and triggers, Freddy, Fin), mostly at ordinary touchpoints;
 * a few recent ones sit at human moments, so "Bots or macros at human moments" raises its alert once alerts are
 * evaluated. The evidence is worded by the core detector, exactly as the adapters word it.
 * @module
 */
import { type AutomationClue, detectAutomation } from "../../../functions/core/src/analysis/automation.ts";
import { createRandom } from "../../../functions/core/src/random.ts";
import type { DemoItem, DemoWorkspace } from "./demo.ts";

/** Share of helpdesk items at ordinary touchpoints that a bot, macro or rule answered. */
export const AUTOMATED_SHARE = 0.08;
/** Recent items at human moments that automation answered: enough for an alert, few enough to follow up by hand. */
export const AUTOMATED_AT_HUMAN_MOMENTS = 5;
/** "Recent": inside the automation rule's default 72-hour window, with room for a seed that ran yesterday. */
export const AUTOMATED_RECENT_MS = 48 * 3_600_000;
const SEED = 8_008;

interface Handler {
  clues?: AutomationClue[];
  /** Tags the provider adds when this automation runs. */
  tags?: string[];
}

/** What each helpdesk's webhook shows when automation answered, as its adapter reads it. */
const HANDLERS: Record<string, { label: string; handlers: readonly Handler[] }> = {
  zendesk: {
    label: "Zendesk",
    handlers: [
      { clues: [{ kind: "bot", evidence: "via.channel = answer_bot_for_web_widget" }] },
      { clues: [{ kind: "automation", evidence: "via.channel = rule (trigger 'Auto-reply: where is my order')" }] },
      { clues: [{ kind: "automation", evidence: "via.channel = api" }], tags: ["macro_refund_auto_reply"] },
    ],
  },
  freshdesk: {
    label: "Freshdesk",
    handlers: [{ clues: [{ kind: "bot", evidence: "ticket.source = Bot" }] }, { tags: ["auto-reply"] }],
  },
  intercom: {
    label: "Intercom",
    handlers: [
      { clues: [{ kind: "bot", evidence: "last reply authored by a bot (Fin Bot)" }] },
      {
        clues: [
          { kind: "bot", evidence: "a reply authored by a bot (Fin Bot)" },
          { kind: "bot", evidence: "ai_agent_participated (resolution_state = routed_to_team)" },
        ],
      },
    ],
  },
};

/** The demo's items, a share of helpdesk items marked as handled by automation (new objects; the input is kept). */
export function withAutomation(demo: DemoWorkspace, now: number): DemoItem[] {
  const random = createRandom(SEED);
  const providerOf = new Map(demo.sources.map((s) => [s.id, s.provider]));
  const humanMoments = new Set(
    demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints.filter((t) => t.humanMoment).map((t) => t.key))),
  );
  const atHumanMoment = (item: DemoItem) => humanMoments.has(item.feedback.touchpointHint ?? "");
  // The newest helpdesk items at human moments, one per moment first so the alert names several of them.
  const recent = demo.items
    .filter((item) => atHumanMoment(item) && HANDLERS[providerOf.get(item.sourceId) ?? ""])
    .filter((item) => item.feedback.occurredAt > now - AUTOMATED_RECENT_MS && item.feedback.occurredAt <= now)
    .sort((a, b) => b.feedback.occurredAt - a.feedback.occurredAt);
  const newestPerMoment = new Map<string | undefined, DemoItem>();
  for (const item of recent) {
    if (!newestPerMoment.has(item.feedback.touchpointHint)) newestPerMoment.set(item.feedback.touchpointHint, item);
  }
  const ranked = [...new Set([...newestPerMoment.values(), ...recent])];
  const chosen = new Set(ranked.slice(0, AUTOMATED_AT_HUMAN_MOMENTS));

  return demo.items.map((item) => {
    const helpdesk = HANDLERS[providerOf.get(item.sourceId) ?? ""];
    if (!helpdesk) return item;
    const automated = atHumanMoment(item) ? chosen.has(item) : random.chance(AUTOMATED_SHARE);
    if (!automated) return item;
    const handler = random.pick(helpdesk.handlers);
    const tags = [...item.feedback.tags, ...(handler.tags ?? [])];
    const handledBy = detectAutomation({ provider: helpdesk.label, clues: handler.clues, tags });
    return { ...item, feedback: { ...item.feedback, tags, handledBy } };
  });
}
