/**
 * The review pack: a review session as a PDF to hand round or file. Cover, agenda (each item with the figures as
 * they were frozen for the session, its notes and its before/after lines), the journey map, the decisions, and the
 * action items. The web app fills `ReviewPackInput` from a session; nothing here reads data.
 * @module
 */
import type { MapExportInput } from "./map-layout.ts";
import { drawMap } from "./map-pdf.ts";
import { INK } from "./palette.ts";
import { type PaperSize, PdfBuilder } from "./pdf.ts";

/** A figure frozen when the session was prepared, e.g. `{ label: "Friction", value: "72 (High)" }`. */
export interface ReviewFigure {
  label: string;
  value: string;
}

/** A before/after comparison line, e.g. a shipped fix's friction before and after. */
export interface BeforeAfterLine {
  label: string;
  before: string;
  after: string;
}

export interface ReviewAgendaItem {
  title: string;
  figures: ReviewFigure[];
  notes: string[];
  decisions: string[];
  beforeAfter: BeforeAfterLine[];
}

export interface ReviewActionItem {
  title: string;
  owner: string | null;
  /** A UTC day, or `null` without a due date. */
  due: string | null;
  status: string;
}

export interface ReviewPackInput {
  title: string;
  /** Inclusive UTC days the session reviews. */
  period: { from: string; to: string };
  workspace: string;
  /** When the session was held (a UTC day), if it has been. */
  heldOn: string | null;
  agenda: ReviewAgendaItem[];
  actions: ReviewActionItem[];
  /** The journey maps over the period reviewed: the session's journey, or every current journey for one across them. */
  maps: MapExportInput[];
}

function cover(doc: PdfBuilder, input: ReviewPackInput, generatedOn: string): void {
  doc.addPage("portrait");
  doc.spacer(doc.pageHeight * 0.25);
  doc.paragraph("Review pack", { size: 12, color: INK.text2 });
  doc.heading(input.title, 1);
  doc.paragraph(`Period reviewed: ${input.period.from} to ${input.period.to}`, { size: 12 });
  doc.paragraph(`Workspace: ${input.workspace}`, { size: 11, color: INK.text2 });
  doc.paragraph(input.heldOn ? `Held on ${input.heldOn}` : "Not held yet", { size: 11, color: INK.text2 });
  doc.paragraph(`Generated ${generatedOn}`, { size: 9, color: INK.text3 });
  doc.spacer(16);
  const decisions = input.agenda.reduce((n, a) => n + a.decisions.length, 0);
  doc.paragraph(`${input.agenda.length} agenda items · ${decisions} decisions · ${input.actions.length} action items`, {
    size: 10,
    color: INK.text2,
  });
}

function agenda(doc: PdfBuilder, input: ReviewPackInput): void {
  doc.addPage("portrait");
  doc.heading("Agenda", 1);
  if (input.agenda.length === 0) doc.paragraph("No agenda items.");
  input.agenda.forEach((item, i) => {
    doc.heading(`${i + 1}. ${item.title}`, 2);
    if (item.figures.length > 0) {
      doc.table(
        [
          { header: "Figure", width: 0.6 },
          { header: "Value", width: 0.4, align: "end" },
        ],
        item.figures.map((f) => [f.label, f.value]),
      );
    }
    if (item.beforeAfter.length > 0) {
      doc.table(
        [
          { header: "Before and after", width: 0.5 },
          { header: "Before", width: 0.25, align: "end" },
          { header: "After", width: 0.25, align: "end" },
        ],
        item.beforeAfter.map((line) => [line.label, line.before, line.after]),
      );
    }
    if (item.notes.length > 0) {
      doc.paragraph("Notes", { size: 10, bold: true });
      for (const note of item.notes) doc.paragraph(`- ${note}`, { size: 10, indent: 8 });
    }
  });
}

function decisions(doc: PdfBuilder, input: ReviewPackInput): void {
  doc.addPage("portrait");
  doc.heading("Decisions", 1);
  const withDecisions = input.agenda.filter((item) => item.decisions.length > 0);
  if (withDecisions.length === 0) doc.paragraph("No decisions were recorded.");
  for (const item of withDecisions) {
    doc.heading(item.title, 3);
    for (const decision of item.decisions) doc.paragraph(`- ${decision}`, { indent: 8 });
  }
}

function actions(doc: PdfBuilder, input: ReviewPackInput): void {
  doc.heading("Action items", 1);
  if (input.actions.length === 0) {
    doc.paragraph("No action items.");
    return;
  }
  doc.table(
    [
      { header: "Action", width: 0.5 },
      { header: "Owner", width: 0.2 },
      { header: "Due", width: 0.15 },
      { header: "Status", width: 0.15 },
    ],
    input.actions.map((a) => [a.title, a.owner ?? "Unassigned", a.due ?? "No date", a.status]),
  );
}

/**
 * The review pack as a PDF file: cover, agenda, maps, decisions, action items.
 * @example const bytes = await reviewPackPdf(input, { paper: "a4", generatedOn: "2026-11-24" });
 */
export async function reviewPackPdf(
  input: ReviewPackInput,
  options: { paper: PaperSize; generatedOn: string },
): Promise<Uint8Array> {
  const doc = await PdfBuilder.create({
    title: `${input.title}: review pack, ${input.period.from} to ${input.period.to}`,
    paper: options.paper,
    footer: `Firebreak · ${input.workspace} · generated ${options.generatedOn}`,
  });
  cover(doc, input, options.generatedOn);
  agenda(doc, input);
  for (const map of input.maps) drawMap(doc, map);
  decisions(doc, input);
  doc.spacer(12);
  actions(doc, input);
  return doc.finish();
}
