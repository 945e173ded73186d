import { describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with `npm run demo:webhook`.
import { sendFeedbackEvent } from "../../scripts/send-demo-webhook.mjs";
import { useBrowserPage } from "./browser.ts";

const webUrl = inject("webUrl");
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

const page = useBrowserPage();

/** The demo's chat assistant touchpoint. */
const CHATBOT = "tp_retail_support_chatbot";

describe("feedback a bot handled", () => {
  it("shows a 'Handled by a bot' badge with the evidence as its tooltip and accessible name", async () => {
    const comment = `The bot kept looping and never let me reach a person, awful and useless ${crypto.randomUUID()}`;
    const sent = await sendFeedbackEvent({ ingestUrl }, credentials, {
      comment,
      touchpoint: "support-chatbot",
      score: 1,
      scale: "csat5",
      handledBy: "Fin AI agent",
    });
    expect(sent.status).toBe(202);

    // The item also appears as evidence under "Why flagged"; the recent negative feedback lists it once.
    const verbatim = page().locator('[aria-labelledby="verbatims-title"] [data-testid="verbatim"]', {
      hasText: comment,
    });
    await expect
      .poll(
        async () => {
          await page().goto(`${webUrl}/touchpoints/${CHATBOT}`);
          return verbatim.count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(1);
    const badge = verbatim.locator('[data-testid="handled-by"]');
    const evidence = "Webhook: data.handled_by = 'Fin AI agent'";
    expect(await badge.getAttribute("title")).toBe(evidence);
    expect(await badge.getAttribute("data-kind")).toBe("bot");
    expect((await badge.textContent())?.replace(/\s+/g, " ").trim()).toBe(`Handled by a bot: ${evidence}`);
  });
});
