/**
 * Steps of a drawing that are not components: start/end markers, decision diamonds, junction dots
 * and payload boxes ("retrieved chunks"). Inference leaves them unplaced, and nothing counts them
 * as components the engine failed to recognise.
 */
import type { Component } from '../model';

/** Labels may hold HTML (`<div style=...>GPT</div>`); only the visible text names the component. */
export function visibleText(s: string): string {
  if (!s.includes('<')) return s;
  let out = '';
  let inTag = false;
  for (const ch of s) {
    if (ch === '<') inTag = true;
    else if (ch === '>' && inTag) { inTag = false; out += ' '; }
    else if (!inTag) out += ch;
  }
  return out;
}

/** Decisions, start/end markers and junction dots are steps of a drawing, not components. */
const MARKER_SHAPES: ReadonlySet<string> = new Set(['diamond', 'decision', 'diam', 'question', 'circle', 'circ', 'doublecircle', 'sm-circ', 'small-circle', 'fr-circ', 'framed-circle', 'f-circ', 'filled-circle', 'stop', 'start']);
// LangGraph prefixes a nested graph's markers with its name: `researcher___start__`.
const MARKER_WORDS = /^(?:\w*__start__|\w*__end__|start|end|begin|finish|stop|done|yes|no|true|false)$/i;

export function isMarker(c: Component): boolean {
  return (c.shape !== undefined && MARKER_SHAPES.has(c.shape)) || MARKER_WORDS.test(c.id) || MARKER_WORDS.test(c.label.trim());
}

/** A box that names what travels rather than who handles it: "generated SQL", "retrieved chunks". */
export const PAYLOAD_LABEL = /^\s*(?:generated|retrieved|returned|fetched|parsed|formatted)\s+\w/i;

export function isDrawingStep(c: Component): boolean {
  return isMarker(c) || PAYLOAD_LABEL.test(visibleText(c.label));
}
