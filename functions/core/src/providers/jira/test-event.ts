/** @module A signed Jira Service Management test delivery: the issue-created fixture with a fresh id and text. */
import {
  encodedHmac,
  jsonDelivery,
  TEST_EVENT_TEXT,
  type TestDelivery,
  type TestEventInput,
  testId,
} from "../test-event.ts";
import { issueCreated } from "./fixtures.ts";

export async function jiraTestEvent({ secret, now, webhookUrl, nonce }: TestEventInput): Promise<TestDelivery> {
  const at = new Date(now).toISOString().replace("Z", "+0000");
  const { fields } = issueCreated.issue;
  const body = JSON.stringify({
    ...issueCreated,
    timestamp: now,
    issue: {
      ...issueCreated.issue,
      id: testId(nonce),
      key: "TEST-1",
      fields: {
        ...fields,
        summary: "Firebreak test event",
        labels: ["test"],
        created: at,
        updated: at,
        description: {
          type: "doc",
          version: 1,
          content: [{ type: "paragraph", content: [{ type: "text", text: TEST_EVENT_TEXT }] }],
        },
      },
    },
  });
  return jsonDelivery(webhookUrl, body, {
    "x-atlassian-webhook-identifier": testId(nonce),
    "x-hub-signature": `sha256=${await encodedHmac("SHA-256", secret, body, "hex")}`,
  });
}
