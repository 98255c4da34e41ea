/**
 * The workshop pack as Markdown, to print or to share before the session. Text from the model file
 * and from rule files (labels, ids, reasons, questions) is escaped: prose through `escapeProse`,
 * table cells through `escapeCell`, ids as code spans, and the write-back lines in fences longer
 * than any backtick run they hold.
 */
import { codeCell, codeSpan, escapeCell, escapeProse, printable } from '../report/escape';
import { AGENDA_RULE, clock } from './agenda';
import type { CardFinding, QuestionCard, WorkshopPack } from './types';
import { BLANK_PROMPT, countsLine, decisionNote, decisionWhat, EMPTY_LOG, packTitle, STATUS_TEXT, totalLine } from './text';

function fence(raw: readonly string[]): string[] {
  const lines = raw.map(printable);
  let f = '```';
  while (lines.some((l) => l.includes(f))) f += '`';
  return [f, ...lines, f];
}

function agendaLines(p: WorkshopPack): string[] {
  const out = ['## Agenda', '', escapeProse(AGENDA_RULE), ''];
  for (const s of p.agenda.sessions) {
    if (p.agenda.sessions.length > 1) out.push(`### Session ${s.index} (${s.minutes} min)${s.overrun ? ', runs over' : ''}`, '');
    out.push('| Time | Slot | Minutes | Why this long |', '| --- | --- | ---: | --- |');
    for (const i of s.items) {
      const slot = i.cardIndex !== undefined ? `Card ${i.cardIndex + 1}: ${escapeCell(i.title)}` : escapeCell(i.title);
      out.push(`| ${clock(i.start)} | ${slot} | ${i.minutes} | ${i.basis ? escapeCell(i.basis) : ''} |`);
    }
    out.push('');
  }
  out.push(totalLine(p), '');
  return out;
}

function findingLines(f: CardFinding): string[] {
  const owasp = f.owasp.map((o) => `${codeSpan(o.id)}${o.name ? ` ${escapeProse(o.name)}` : ''}`).join(', ');
  const out = [
    `#### ${codeSpan(f.ruleId)} ${escapeProse(f.title)}`, '',
    `${f.severity} ${f.score.toFixed(1)}, ${STATUS_TEXT[f.status] ?? f.status}${owasp ? ` · ${owasp}` : ''}${f.stride.length ? ` · STRIDE ${f.stride.map((s) => s.id).join('')}` : ''}`, '',
    `What can go wrong, in plain words: ${escapeProse(f.plain)}`, '',
    `For the security engineer: ${escapeProse(f.security)}`, '',
  ];
  if (f.decisions.length) {
    out.push('Already recorded:', '', ...f.decisions.map((d) => `- ${escapeProse(decisionNote(d))}`), '');
  }
  out.push('What are we going to do about it?', '');
  for (const m of f.options) out.push(`- [ ] ${escapeProse(m.name)}: ${escapeProse(m.stub)}`);
  out.push('- [ ] Accept the risk (reason, owner, expiry date)', '- [ ] Not applicable here (reason)', '');
  out.push(`${BLANK_PROMPT} \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_`, '');
  if (f.writeBack.length) out.push('To write it back, keep one of these lines and finish it:', '', ...fence(f.writeBack), '');
  return out;
}

function cardLines(c: QuestionCard, n: number): string[] {
  const out = [`### Card ${n}: ${escapeProse(c.title)}`, ''];
  const where = c.boundary ? ` · inside ${codeSpan(c.boundary)}` : '';
  out.push(`${codeSpan(c.componentId)} · kind ${codeSpan(c.kind)}${c.ai ? ' (AI component)' : ''} · ${escapeProse(c.kindReason)}${where}`, '');
  if (c.note) out.push(`> ${escapeProse(c.note)}`, '');
  if (c.stride.length) out.push(`STRIDE for AI here: ${c.stride.map((s) => `${s.letter} ${escapeProse(s.name)}`).join(', ')}.`, '');
  for (const g of c.questions) {
    out.push(`**${escapeProse(g.heading)}**`, '', ...g.questions.map((q) => `- ${escapeProse(q)}`), '');
  }
  if (c.findings.length) out.push(`**What can go wrong (${c.findings.length})**`, '');
  for (const f of c.findings) out.push(...findingLines(f));
  return out;
}

function logLines(p: WorkshopPack): string[] {
  const out = ['## Decision log', ''];
  if (!p.decisionLog.length) return [...out, EMPTY_LOG, ''];
  const recorded = p.decisionLog.filter((r) => r.recorded).length;
  out.push(`${recorded} decision${recorded === 1 ? '' : 's'} already recorded in the file, ${p.decisionLog.length - recorded} open finding${p.decisionLog.length - recorded === 1 ? '' : 's'} to decide.`, '');
  out.push('| # | Component | Threat | Decision | Control or reason | Owner | Expires | Status |', '| ---: | --- | --- | --- | --- | --- | --- | --- |');
  for (const [i, r] of p.decisionLog.entries()) {
    const threat = `${codeCell(r.ruleId)}${r.threat ? ` ${codeCell(r.threat.id)}` : ''} ${escapeCell(r.title)}`;
    const status = r.recorded ? STATUS_TEXT[r.status] ?? r.status : `open${r.note ? `: ${r.note}` : ''}`;
    out.push(`| ${i + 1} | ${escapeCell(r.componentLabel)} | ${threat} | ${escapeCell(decisionWhat(r))} | ${r.text ? escapeCell(r.text) : ''} | ${r.owner ? escapeCell(r.owner) : ''} | ${r.expires ? escapeCell(r.expires) : ''} | ${escapeCell(status)} |`);
  }
  out.push('');
  return out;
}

export function toWorkshopMarkdown(p: WorkshopPack): string {
  const out = [`# ${escapeProse(packTitle(p))}`, '', `File ${codeSpan(p.path)} · prepared ${escapeProse(p.date)} · ${countsLine(p)}`, ''];
  for (const n of p.notes) out.push(`> **Before the session:** ${escapeProse(n)}`, '');
  out.push(...agendaLines(p));
  out.push('## Roles', '');
  for (const r of p.roles) out.push(`- **${escapeProse(r.name)}**: ${escapeProse(r.does)} Brings: ${escapeProse(r.brings)}`);
  out.push('');
  out.push('## Question cards', '');
  if (!p.cards.length) out.push('No component to visit.', '');
  for (const [i, c] of p.cards.entries()) out.push(...cardLines(c, i + 1));
  out.push(...logLines(p));
  out.push('## Writing decisions back', '', escapeProse(p.writeBack.where), '', ...fence(p.writeBack.syntax), '', ...p.writeBack.notes.map((n) => `- ${escapeProse(n)}`), '');
  return out.join('\n');
}
