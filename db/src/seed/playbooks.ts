/**
 * The demo's playbooks: the three classic proactive plays on the demo journeys, all off and pointing at disabled
 * placeholder destinations, so a fresh demo sends nothing until someone connects a real receiver and switches one on.
 * @module
 */
import { encryptSecret, generateWebhookSecret, type PlaybookAction, type PlaybookTrigger } from "@firebreak/core";
import { type Db, runBatch } from "../client.ts";
import * as schema from "../schema/index.ts";
import type { DemoWorkspace } from "./demo.ts";

const PLACEHOLDERS = [
  {
    id: "dst_demo_automation",
    kind: "webhook",
    name: "Automation tool (placeholder)",
    target: "https://hooks.example.com/firebreak/playbooks",
  },
  {
    id: "dst_demo_slack",
    kind: "slack",
    name: "#cx-team (placeholder)",
    target: "https://hooks.slack.com/services/T0000/B0000/PLACEHOLDER",
  },
] as const;

interface DemoPlaybook {
  id: string;
  name: string;
  trigger: Omit<PlaybookTrigger, "touchpointId"> & { touchpointKey: string | null };
  action: PlaybookAction;
  customerFacing: boolean;
}

const PLAYBOOKS: DemoPlaybook[] = [
  {
    id: "pbk_demo_delay_notice",
    name: "Delay notice before the customer asks",
    trigger: {
      kinds: ["spike", "repeat_surge"],
      minSeverity: "warning",
      touchpointKey: "delivery-tracking",
      themeId: null,
      on: ["opened"],
    },
    action: {
      kind: "webhook",
      destinationId: "dst_demo_automation",
      note: "Email customers with open orders a delay notice and the new delivery estimate.",
    },
    customerFacing: true,
  },
  {
    id: "pbk_demo_repeat_check_in",
    name: "Check in when repeat contacts pile up",
    trigger: {
      kinds: ["repeat_surge"],
      minSeverity: "warning",
      touchpointKey: null,
      themeId: null,
      on: ["opened", "worsened"],
    },
    action: {
      kind: "slack",
      destinationId: "dst_demo_slack",
      note: "Customers keep coming back about this: someone should call the repeat contacts today.",
    },
    customerFacing: false,
  },
  {
    id: "pbk_demo_renewal_nudge",
    name: "Renewal nudge",
    trigger: {
      kinds: ["friction_threshold", "spike"],
      minSeverity: "warning",
      touchpointKey: "sub-renewal-notice",
      themeId: null,
      on: ["opened"],
    },
    action: {
      kind: "webhook",
      destinationId: "dst_demo_automation",
      note: "Send members due to renew a short note on what changed and how to pause instead of cancelling.",
    },
    customerFacing: true,
  },
];

/** Adds the placeholder destinations and the three playbooks, all disabled. */
export async function seedPlaybooks(db: Db, demo: DemoWorkspace, secretsKey: string, now: number) {
  const workspaceId = demo.workspace.id;
  const touchpointId = new Map(
    demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints.map((t) => [t.key, t.id] as const))),
  );
  const destinations = await Promise.all(
    PLACEHOLDERS.map(async (d) => ({
      id: d.id,
      workspaceId,
      kind: d.kind,
      name: d.name,
      targetCiphertext: await encryptSecret(d.target, secretsKey),
      secretCiphertext: d.kind === "webhook" ? await encryptSecret(generateWebhookSecret(), secretsKey) : null,
      targetHint: new URL(d.target).host,
      enabled: false,
      createdAt: now,
    })),
  );
  const playbooks = PLAYBOOKS.map(({ trigger: { touchpointKey, ...trigger }, ...p }) => {
    const scope = touchpointKey ? (touchpointId.get(touchpointKey) ?? null) : null;
    return {
      ...p,
      workspaceId,
      trigger: { ...trigger, touchpointId: scope },
      touchpointId: scope,
      enabled: false,
      createdAt: now,
      updatedAt: now,
    };
  });
  await runBatch(db, [
    db.insert(schema.destinations).values(destinations),
    db.insert(schema.playbooks).values(playbooks),
  ]);
}
