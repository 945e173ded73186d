import { ZSourceName } from "@firebreak/core/providers/connect";
import { getProvider, type SetupGuide } from "@firebreak/core/providers/index";
import { connect } from "@firebreak/db/pipelines/sources";
import * as placement from "@firebreak/db/queries/placement";
import { z } from "zod";
import { providerChoices, providerFields } from "$lib/server/connect";
import { dbFrom } from "$lib/server/db";
import { formAction, refuse } from "$lib/server/form-action";
import { webhookUrl } from "$lib/server/sources";
import { requireRole } from "$lib/server/workspace";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform }) => {
  const db = dbFrom(platform);
  // Editing pages: a viewer gets a 403 saying why, not a form that fails on save.
  const { workspace } = requireRole("editor");
  return { workspace, providers: providerChoices(), touchpoints: await placement.touchpointChoices(db, workspace.id) };
};

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

const ZConnect = z.looseObject({
  provider: z.string().min(1, "Choose a provider.").max(64),
  name: ZSourceName,
  defaultTouchpointId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  secret: z.preprocess(
    blankToUndefined,
    z.string().trim().min(8, "The signing secret is at least 8 characters.").max(500).optional(),
  ),
});

/** The new source, with its secret in plain text this one time. */
interface Connected {
  done: string;
  created: {
    id: string;
    name: string;
    providerLabel: string;
    hasWebhook: boolean;
    webhookUrl: string;
    secret: string | null;
    setup: SetupGuide | null;
  };
}

export const actions = {
  /** Creates the source; its secret is in this response only and never rendered again. */
  connect: formAction<z.infer<typeof ZConnect>, Connected>(
    ZConnect,
    async (db, workspaceId, input, by, { platform }) => {
      const choice = providerChoices().find((p) => p.id === input.provider);
      if (!choice) return refuse(400, "Choose a provider from the list.");
      if (choice.secretIssuedBy === "provider" && !input.secret) {
        return refuse(400, `Paste the signing secret ${choice.label} gives you.`);
      }
      const fields = providerFields(choice, input);
      if (!fields.ok) return refuse(400, fields.message);
      const touchpoints = await placement.touchpointChoices(db, workspaceId);
      if (input.defaultTouchpointId && !touchpoints.some((t) => t.id === input.defaultTouchpointId)) {
        return refuse(400, "That touchpoint no longer exists.");
      }
      const secretsKey = platform?.env.SECRETS_KEY;
      if (!secretsKey) return refuse(503, "Sources cannot be created: the web app has no SECRETS_KEY.");
      const result = await connect(
        db,
        workspaceId,
        {
          provider: choice.id,
          name: input.name,
          defaultTouchpointId: input.defaultTouchpointId,
          secret: choice.secretIssuedBy === "provider" ? input.secret : undefined,
          settings: fields.settings,
          fieldMapping: fields.fieldMapping,
        },
        secretsKey,
        by,
      );
      if (!result.ok) return refuse(result.problem === "not_found" ? 404 : 400, result.message);
      const url = webhookUrl(platform?.env.INGEST_URL ?? "", result.source);
      return {
        done: `Connected ${result.source.name}.`,
        created: {
          id: result.source.id,
          name: result.source.name,
          providerLabel: choice.label,
          hasWebhook: choice.secretIssuedBy !== null,
          webhookUrl: url,
          // Shown once, and only where Firebreak issued it: a pasted secret is already the user's.
          secret: choice.secretIssuedBy === "firebreak" ? result.secret : null,
          setup: getProvider(choice.id)?.setup(url) ?? null,
        },
      };
    },
  ),
} satisfies Actions;
