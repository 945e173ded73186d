/**
 * Loads the generated demo workspace into D1 through the same analysis pipeline and write path as live webhooks,
 * so the showroom shows exactly what real deliveries would produce.
 * @module
 */

import {
  createAnalysisContext,
  encryptSecret,
  generateApiToken,
  getProvider,
  newId,
  prepareItem,
  randomToken,
} from "@firebreak/core";
import { count } from "drizzle-orm";
import { type Db, runBatch } from "../client.ts";
import { insertFromJson } from "../json-rows.ts";
import * as alertEvaluation from "../pipelines/alerts.ts";
import { reclusterWorkspace } from "../pipelines/recluster.ts";
import * as alertRules from "../queries/alert-rules.ts";
import * as followUps from "../queries/follow-ups.ts";
import * as segmentDays from "../queries/segment-days.ts";
import { emptyPlanState, linkedCustomers, planCustomers, planItemRows } from "../rows.ts";
import * as schema from "../schema/index.ts";
import { withAutomation } from "./automation.ts";
import type { DemoWorkspace } from "./demo.ts";
import { seedPlaybooks } from "./playbooks.ts";
import { DEMO_SEGMENTS } from "./segments.ts";

/** The days a map's default view reads: 90, and the 90 before them for the volume baseline. */
const DEMO_SEGMENT_DAYS = 180;
/** Follow-ups are made for the past week's items, as the ingest Worker's window (`FOLLOW_UP_WINDOW_MS`). */
const DEMO_FOLLOW_UP_DAYS = 7;

export interface LoadedDemo {
  workspaceId: string;
  apiToken: string;
  /** The demo's Standard Webhooks source, for trying the real ingest path by hand. */
  webhook: { sourceId: string; secret: string } | undefined;
  itemCount: number;
}

/** True when the database already holds a workspace (the seed never overwrites data). */
export async function hasWorkspaces(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(schema.workspaces);
  return (row?.n ?? 0) > 0;
}

export async function loadDemo(db: Db, demo: DemoWorkspace, secretsKey: string, now: number): Promise<LoadedDemo> {
  const workspaceId = demo.workspace.id;
  await insertStructure(db, demo, now);

  const { token: apiToken, prefix, hash } = await generateApiToken();
  await db.insert(schema.apiTokens).values({
    id: newId("tok", now),
    workspaceId,
    name: "Demo token (printed by npm start)",
    prefix,
    tokenHash: hash,
    scopes: ["read", "write"],
    createdAt: now,
  });

  let webhook: LoadedDemo["webhook"];
  const sourceRows = [];
  for (const source of demo.sources) {
    const adapter = getProvider(source.provider);
    const secret = adapter?.generateSecret?.() ?? `demo-${randomToken(24)}`;
    if (source.provider === "standard-webhooks" && !webhook) webhook = { sourceId: source.id, secret };
    sourceRows.push({
      id: source.id,
      workspaceId,
      provider: source.provider,
      name: source.name,
      journeyId: source.journeyId,
      secretCiphertext: await encryptSecret(secret, secretsKey),
      secretHint: secret.slice(-4),
      createdAt: now - 200 * 86_400_000,
    });
  }
  await db.insert(schema.sources).values(sourceRows);

  const itemCount = await loadItems(db, demo, secretsKey, now);
  // Themes come from the scheduled re-clustering, as they would for a real workspace after its first run; sequential
  // ids keep the seed reproducible.
  let themeNumber = 0;
  await reclusterWorkspace(db, workspaceId, {
    now,
    makeId: (prefix) => `${prefix}_demo_${String(++themeNumber).padStart(4, "0")}`,
  });
  // The demo's saved segments read built days from the start, as the cron would have built them.
  await segmentDays.refresh(db, workspaceId, DEMO_SEGMENT_DAYS);
  await seedPlaybooks(db, demo, secretsKey, now);
  // Last, over the finished data: the default rules, the follow-ups of the past week and a full evaluation, as the
  // first cron tick would make them, so the demo opens with real alerts in its inbox.
  await alertRules.ensureDefaults(db, workspaceId, now);
  await followUps.createDue(db, workspaceId, now - DEMO_FOLLOW_UP_DAYS * 86_400_000, now);
  await alertEvaluation.evaluate(db, workspaceId, { now, scope: "full", appUrl: "http://127.0.0.1:8788" });
  return { workspaceId, apiToken, webhook, itemCount };
}

/** A person who can sign in to the demo workspace; the password is hashed by the caller (better-auth's scrypt). */
export interface DemoLogin {
  email: string;
  name: string;
  passwordHash: string;
}

/** Adds the demo's sign-in: a user with a password account, owner of the demo workspace. Returns the user's id. */
export async function addDemoOwner(db: Db, workspaceId: string, login: DemoLogin, now: number): Promise<string> {
  const userId = `usr_demo_${randomToken(9)}`;
  const at = new Date(now);
  await db.batch([
    db.insert(schema.users).values({
      id: userId,
      name: login.name,
      email: login.email,
      emailVerified: true,
      createdAt: at,
      updatedAt: at,
    }),
    db.insert(schema.accounts).values({
      id: newId("acc", now),
      userId,
      accountId: userId,
      providerId: "credential",
      password: login.passwordHash,
      createdAt: at,
      updatedAt: at,
    }),
    db.insert(schema.members).values({
      id: newId("mem", now),
      organizationId: workspaceId,
      userId,
      role: "owner",
      createdAt: at,
    }),
  ]);
  return userId;
}

async function insertStructure(db: Db, demo: DemoWorkspace, now: number) {
  const workspaceId = demo.workspace.id;
  await db.insert(schema.workspaces).values({ ...demo.workspace, isDemo: true });
  await db.insert(schema.segments).values(DEMO_SEGMENTS.map((s) => ({ ...s, workspaceId, createdAt: now })));
  const journeys = demo.journeys.map((j, position) => ({
    id: j.id,
    workspaceId,
    name: j.name,
    description: j.description,
    position,
    createdAt: now,
    updatedAt: now,
  }));
  const stages = demo.journeys.flatMap((j) =>
    j.stages.map((s, position) => ({
      id: s.id,
      workspaceId,
      journeyId: j.id,
      name: s.name,
      description: s.description,
      position,
    })),
  );
  const touchpoints = demo.journeys.flatMap((j) =>
    j.stages.flatMap((s) =>
      s.touchpoints.map((t, position) => ({
        id: t.id,
        workspaceId,
        journeyId: j.id,
        stageId: s.id,
        key: t.key,
        name: t.name,
        description: t.description,
        channel: t.channel,
        owner: t.owner,
        position,
        isHumanMoment: t.humanMoment !== undefined,
        humanMomentReason: t.humanMoment?.reason ?? null,
        humanMomentOwner: t.humanMoment?.owner ?? null,
        humanMomentSetAt: t.humanMoment ? now : null,
        humanMomentSetBy: t.humanMoment ? "system:demo" : null,
        humanMomentSuggested: t.humanMomentSuggested,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  );
  await runBatch(db, [
    ...insertFromJson(schema.journeys, journeys),
    ...insertFromJson(schema.stages, stages),
    ...insertFromJson(schema.touchpoints, touchpoints),
  ]);
}

/**
 * Items are analysed by the live pipeline and turned into rows by the live row planner, oldest first so repeat
 * contacts are found exactly as they would be live; the rows are then bulk-loaded as JSON (`insertFromJson`), a
 * handful of statements for 20,000 items.
 */
async function loadItems(db: Db, demo: DemoWorkspace, secretsKey: string, now: number) {
  const workspaceId = demo.workspace.id;
  const context = createAnalysisContext({
    languages: demo.workspace.languages,
    country: demo.workspace.country,
    touchpoints: demo.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)),
  });
  const sorted = withAutomation(demo, now).sort((a, b) => a.feedback.occurredAt - b.feedback.occurredAt);
  const prepared = await Promise.all(
    sorted.map(async ({ sourceId, feedback }) => ({
      sourceId,
      item: prepareItem(feedback, context, secretsKey, workspaceId),
    })),
  );

  // Sequential ids keep the seed reproducible: the same seed and day give the same database.
  const counters = new Map<string, number>();
  const sequentialId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_demo_${String(n).padStart(6, "0")}`;
  };
  const customers = planCustomers(
    workspaceId,
    prepared.map((p) => p.item),
  );
  const state = emptyPlanState(new Map([...customers].map(([key, row]) => [key, row.id])), sequentialId);
  const target = { workspaceId, deliveryId: null, receivedAt: now };
  const items = prepared.flatMap(({ sourceId, item }) => planItemRows(target, sourceId, [item], state));

  await runBatch(db, insertFromJson(schema.customers, linkedCustomers(customers, items, state.updates)));
  await runBatch(db, insertFromJson(schema.feedbackItems, items));
  await runBatch(db, insertFromJson(schema.dailyRollups, [...state.rollups.values()]));
  return items.length;
}
