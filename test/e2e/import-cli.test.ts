import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const ingestUrl = inject("ingestUrl");
const credentials = inject("credentials");

describe("npm run import", () => {
  it("streams a Zendesk CSV export into a source, detecting the export and refusing bad rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-import-"));
    const file = join(dir, "zendesk-export.csv");
    const rows = Array.from({ length: 2500 }, (_, i) => {
      const bad = i % 4 === 0;
      const comment = bad ? '"Parcel arrived late, ""again"",\nstill no refund"' : '"Great support, thanks!"';
      return `e2e-${i},Order ${i},${comment},Solved,${bad ? "Bad" : "Good"},delivery,2026-10-0${(i % 9) + 1} 10:00:00`;
    });
    rows.push(",missing id,text,Open,,,2026-10-01 10:00:00");
    // An unquoted comma: one field too many. Columns shift, so the score column reads "Solved" and the row is refused.
    rows.push("e2e-extra,Order x,Fine, really,Solved,Good,praise,2026-10-01 10:00:00");
    writeFileSync(file, `Id,Subject,Description,Status,Satisfaction Score,Tags,Created at\n${rows.join("\n")}\n`);

    const { stdout, stderr } = await run(
      process.execPath,
      ["scripts/import.mjs", file, "--source", "src_demo_zendesk", "--url", ingestUrl, "--token", credentials.apiToken],
      { timeout: 120_000 },
    );
    expect(stdout).toContain("detected zendesk export");
    expect(stdout).toMatch(/2,502 rows, 2,500 new, 2 refused/);
    expect(stderr).toMatch(/missing id/);
    expect(stderr).toMatch(/more fields than the header/);
    expect(stderr).toMatch(/score is not a number/);

    const res = await fetch(
      `${ingestUrl}/api/v1/feedback?sourceId=src_demo_zendesk&from=2026-10-01T00:00:00Z&to=2026-10-10T00:00:00Z&limit=200`,
      {
        headers: { authorization: `Bearer ${credentials.apiToken}` },
      },
    );
    const { data } = (await res.json()) as {
      data: Array<{ externalId: string; text: string; scale: { type: string } }>;
    };
    const imported = data.filter((d) => d.externalId.startsWith("e2e-"));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.find((d) => d.text.includes("again"))?.scale.type).toBe("thumbs");
  });
});
