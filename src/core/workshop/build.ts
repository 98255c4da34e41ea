/**
 * Builds the workshop pack of one analysed file from its walkthrough: cards in walkthrough order,
 * the agenda timed from them, the decision log, and the notes a facilitator needs when the input
 * is unusual (nothing AI in it, boxes Threatlens could not place, nothing left to decide).
 */
import type { Catalog } from '../catalog/catalog';
import type { CatalogLookup, FileResult } from '../report/types';
import { buildWalkthrough } from '../walkthrough/build';
import type { ComponentStep } from '../walkthrough/types';
import { buildAgenda } from './agenda';
import { buildCards } from './cards';
import { buildDecisionLog } from './decisionLog';
import { ROLES } from './roles';
import type { QuestionCard, WorkshopPack } from './types';
import { syntaxOf, writeBackGuide } from './writeBack';

export interface WorkshopOptions {
  /** The file as the team knows it (workspace-relative). */
  path: string;
  /** ISO date printed on the pack. */
  date: string;
  /** Length of one session in minutes; without it the agenda is one session. */
  minutes?: number;
}

function notesFor(cards: readonly QuestionCard[], findings: number, open: number): string[] {
  const notes: string[] = [];
  if (cards.length === 0) {
    notes.push('The model has no components, so there is nothing to walk through: draw the system first, then export the pack again.');
    return notes;
  }
  if (!cards.some((c) => c.ai)) {
    notes.push('No AI component was found in this diagram (no model, agent, tool, retrieval store or training pipeline). The STRIDE-for-AI session has little to work on: check first whether the diagram leaves out the AI parts, or whether a box is an AI component under a name Threatlens does not know.');
  }
  const unknown = cards.filter((c) => c.unrecognised);
  if (unknown.length) {
    notes.push(`${unknown.length} component${unknown.length === 1 ? ' was' : 's were'} not recognised (${unknown.map((c) => c.label).join(', ')}): no rule checked ${unknown.length === 1 ? 'it' : 'them'}. ${unknown.length === 1 ? 'Its card asks' : 'Their cards ask'} the room to agree on a kind; until it is declared, the pack cannot list threats for ${unknown.length === 1 ? 'it' : 'them'}.`);
  }
  if (findings > 0 && open === 0) {
    notes.push('Every finding already has a decision. This is a review session: the decision log is filled in, and the room checks that each decision still holds, that planned controls were built, and which acceptances expire soon.');
  } else if (findings === 0 && cards.some((c) => c.ai)) {
    notes.push('Threatlens found no threat in this model. Use the questions to test whether the diagram is complete: a missing flow or an undeclared property can hide a threat.');
  }
  return notes;
}

export function buildWorkshopPack(result: FileResult, catalog: Catalog, lookup: CatalogLookup, options: WorkshopOptions): WorkshopPack {
  const w = buildWalkthrough(result, catalog, lookup);
  const syntax = syntaxOf(result);
  const steps = w.steps.filter((s): s is ComponentStep => s.type === 'component');
  const cards = buildCards(steps, new Map(w.components.map((c) => [c.key, c])), syntax);
  const findings = cards.reduce((n, c) => n + c.findings.length, 0);
  const open = cards.reduce((n, c) => n + c.findings.filter((f) => f.status === 'open').length, 0);
  return {
    path: options.path,
    date: options.date,
    ...(w.system ? { system: w.system } : {}),
    syntax,
    agenda: buildAgenda(cards, open, options.minutes),
    roles: [...ROLES],
    cards,
    decisionLog: buildDecisionLog(cards),
    writeBack: writeBackGuide(syntax, result.file.format === 'markdown'),
    notes: notesFor(cards, findings, open),
    counts: {
      components: cards.length,
      ai: cards.filter((c) => c.ai).length,
      unrecognised: cards.filter((c) => c.unrecognised).length,
      findings, open, decided: findings - open,
    },
  };
}
