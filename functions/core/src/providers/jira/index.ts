/** @module Jira Cloud and Jira Service Management: issue and comment webhooks signed with the webhook's secret. */
import type { ProviderAdapter } from "../types.ts";
import { parseJira } from "./normalize.ts";
import { jiraTestEvent } from "./test-event.ts";
import { verifyJira } from "./verify.ts";

export const jira: ProviderAdapter = {
  id: "jira",
  label: "Jira Service Management",
  secretIssuedBy: "provider",
  contentTypes: ["application/json"],
  verify: verifyJira,
  parse: parseJira,
  testEvent: jiraTestEvent,
  setup: (webhookUrl) => ({
    steps: [
      "In Jira, open Settings (⚙) → System → WebHooks (under Advanced) and click Create a WebHook; this needs Jira " +
        "administrator rights.",
      `Name it "Firebreak", set the URL to ${webhookUrl} and set a Secret (generate one there); paste the same secret ` +
        "here. Jira only signs requests (X-Hub-Signature) when a secret is set, and unsigned requests are refused.",
      'Optionally limit it with JQL to your service projects, e.g. project = SUP, and leave "Exclude body" unticked.',
      "Under Events tick Issue: created and updated, and Comment: created. Save.",
    ],
  }),
};
