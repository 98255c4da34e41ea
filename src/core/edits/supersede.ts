/**
 * A new kind of decision for a threat that already has another one (accepted, now mitigated): the
 * old decision goes, so the file never says two contradicting things. In a diagram the new comment
 * takes the old comment's place; in YAML the old entry is removed and the new one added, and the
 * two steps are folded into one edit spanning only the text they change.
 */
import { parseFile, type ParsedFile } from '../document';
import type { Annotation } from '../model';
import type { Located } from './locate';
import { applyEdits, diffEdit, lineEndAt, lineStartAt, nextLineStart, type TextEdit } from './text';
import { asHashComment, YAML_SECTION } from './requests';
import { decisionToChange, updateEdits, type DecisionChange } from './update';
import { yamlRemoveEntry } from './yaml';

type Line = (r: DecisionChange) => string;

/**
 * `write` computes the decision on a file as if nothing else were written for the threat (the
 * ordinary insert-or-update path); it runs on the YAML text once the old entries are gone.
 */
export function supersedeEdits(file: ParsedFile, at: Located, about: readonly Annotation[], r: DecisionChange, line: Line, write: (f: ParsedFile) => TextEdit[]): TextEdit[] {
  const others = about.filter((a) => a.type !== r.type && a.type !== 'component');
  if (file.format === 'yaml' && at.model.diagram !== 'threagile') return yamlSupersede(file, at, others, write);
  const old = decisionToChange(file, about, r);
  const removals = others.map((o, i) => (i === 0 && !old ? replaceComment(file.text, o, r, line) : removeComment(file.text, o)));
  return [...(old ? updateEdits(file, at, old, r, line) : []), ...removals];
}

function replaceComment(text: string, old: Annotation, r: DecisionChange, line: Line): TextEdit {
  const next = line(r);
  return { span: old.span, newText: text.startsWith('#', old.span.start) ? asHashComment(next) : next };
}

/** The whole line when the comment is alone on it, otherwise the comment and the blanks before it. */
function removeComment(text: string, old: Annotation): TextEdit {
  const lineStart = lineStartAt(text, old.span.start);
  if (text.slice(lineStart, old.span.start).trim() === '') {
    const end = lineEndAt(text, old.span.end);
    return { span: { start: lineStart, end: nextLineStart(text, end) ?? end }, newText: '' };
  }
  let start = old.span.start;
  while (start > lineStart && /[ \t]/.test(text[start - 1])) start--;
  return { span: { start, end: old.span.end }, newText: '' };
}

function yamlSupersede(file: ParsedFile, at: Located, others: readonly Annotation[], write: (f: ParsedFile) => TextEdit[]): TextEdit[] {
  let text = file.text;
  // Back to front, so the offsets of the entries still to remove stay valid.
  for (const o of [...others].sort((a, b) => b.span.start - a.span.start)) {
    if (o.type === 'component') continue;
    text = applyEdits(text, yamlRemoveEntry(text, at.component.id, YAML_SECTION[o.type], o.threatSpan.start));
  }
  const reparsed = parseFile(file.path, text);
  return reparsed ? diffEdit(file.text, applyEdits(text, write(reparsed))) : [];
}
