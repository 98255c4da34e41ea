/**
 * The workshop pack as one printable HTML page. Written as HTML directly (not through Markdown) so
 * each card can start a printed page and the blanks are real ruled lines. Inert like the briefing
 * page: no script, no remote resource, a CSP that allows only its own style element, and every
 * string from the model file or a rule file goes through `text()` (control characters shown, then
 * HTML-escaped).
 */
import { escapeHtml, printable } from '../report/escape';
import { AGENDA_RULE, clock } from './agenda';
import type { CardFinding, QuestionCard, WorkshopPack } from './types';
import { BLANK_PROMPT, countsLine, decisionNote, decisionWhat, EMPTY_LOG, packTitle, STATUS_TEXT, totalLine } from './text';

const STYLE = `
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; max-width: 54rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .15rem; margin-top: 1.8rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; } h4 { font-size: 1rem; margin: 1rem 0 .2rem; }
table { border-collapse: collapse; width: 100%; font-size: .92em; } th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.num { text-align: right; } tr.blank td { height: 2.2em; }
code, pre { font-size: .9em; background: #f3f3f3; border-radius: 3px; } code { padding: 0 .2em; } pre { padding: .4rem .6rem; white-space: pre-wrap; word-break: break-all; }
.meta, .muted { color: #555; } .note { border-left: 4px solid #b26b00; background: #fff7e8; padding: .4rem .7rem; margin: .6rem 0; }
section.card { border: 1px solid #999; border-radius: 6px; padding: .8rem 1rem; margin: 1.2rem 0; }
.finding { border-top: 1px dashed #bbb; margin-top: .8rem; padding-top: .2rem; }
.voice { margin: .25rem 0; }
ul.options { list-style: none; padding-left: .4rem; } ul.options li::before { content: "\\2610  "; }
.line { border-bottom: 1px solid #888; height: 1.7em; } .sev { font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.card { page-break-before: always; break-before: page; border: 0; padding: 0; }
  section.log, section.writeback { page-break-before: always; break-before: page; }
  .finding, tr, li { page-break-inside: avoid; break-inside: avoid; } h2, h3, h4 { page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Text from a file or catalog, safe as HTML content or attribute value. */
function text(s: string): string {
  return escapeHtml(printable(s));
}

const code = (s: string) => `<code>${text(s)}</code>`;

function agenda(p: WorkshopPack): string {
  const sessions = p.agenda.sessions.map((s) => {
    const head = p.agenda.sessions.length > 1 ? `<h3>Session ${s.index} (${s.minutes} min)${s.overrun ? ', runs over' : ''}</h3>` : '';
    const rows = s.items.map((i) => {
      const slot = i.cardIndex !== undefined ? `Card ${i.cardIndex + 1}: ${text(i.title)}` : text(i.title);
      return `<tr><td>${clock(i.start)}</td><td>${slot}</td><td class="num">${i.minutes}</td><td class="muted">${i.basis ? text(i.basis) : ''}</td></tr>`;
    }).join('');
    return `${head}<table><thead><tr><th scope="col">Time</th><th scope="col">Slot</th><th scope="col">Minutes</th><th scope="col">Why this long</th></tr></thead><tbody>${rows}</tbody></table>`;
  }).join('');
  return `<section class="agenda"><h2>Agenda</h2><p class="muted">${text(AGENDA_RULE)}</p>${sessions}<p><strong>${text(totalLine(p))}</strong></p></section>`;
}

function roles(p: WorkshopPack): string {
  const items = p.roles.map((r) => `<li><strong>${text(r.name)}</strong>: ${text(r.does)} <span class="muted">Brings: ${text(r.brings)}</span></li>`).join('');
  return `<section class="roles"><h2>Roles</h2><ul>${items}</ul></section>`;
}

function finding(f: CardFinding): string {
  const owasp = f.owasp.map((o) => `${code(o.id)}${o.name ? ` ${text(o.name)}` : ''}`).join(', ');
  const recorded = f.decisions.length ? `<p>Already recorded:</p><ul>${f.decisions.map((d) => `<li>${text(decisionNote(d))}</li>`).join('')}</ul>` : '';
  const options = [
    ...f.options.map((m) => `<li>${text(m.name)}: <span class="muted">${text(m.stub)}</span></li>`),
    '<li>Accept the risk (reason, owner, expiry date)</li>',
    '<li>Not applicable here (reason)</li>',
  ].join('');
  const writeBack = f.writeBack.length ? `<p class="muted">To write it back, keep one of these lines and finish it:</p><pre>${f.writeBack.map(text).join('\n')}</pre>` : '';
  return `<div class="finding"><h4>${code(f.ruleId)} ${text(f.title)}</h4>`
    + `<p class="meta"><span class="sev">${text(f.severity)} ${f.score.toFixed(1)}</span>, ${text(STATUS_TEXT[f.status] ?? f.status)}${owasp ? ` · ${owasp}` : ''}${f.stride.length ? ` · STRIDE ${text(f.stride.map((s) => s.id).join(''))}` : ''}</p>`
    + `<p class="voice"><b>In plain words:</b> ${text(f.plain)}</p>`
    + `<p class="voice"><b>For the security engineer:</b> ${text(f.security)}</p>`
    + recorded
    + `<p><strong>What are we going to do about it?</strong></p><ul class="options">${options}</ul>`
    + `<p>${text(BLANK_PROMPT)}</p><div class="line"></div><div class="line"></div>`
    + `${writeBack}</div>`;
}

function card(c: QuestionCard, n: number): string {
  const where = c.boundary ? ` · inside ${code(c.boundary)}` : '';
  const questions = c.questions.map((g) => `<h4>${text(g.heading)}</h4><ul>${g.questions.map((q) => `<li>${text(q)}</li>`).join('')}</ul>`).join('');
  const stride = c.stride.length ? `<p>STRIDE for AI here: ${c.stride.map((s) => `<abbr title="${text(s.plain)}">${text(s.letter)}</abbr> ${text(s.name)}`).join(', ')}.</p>` : '';
  const findings = c.findings.length ? `<h4>What can go wrong (${c.findings.length})</h4>${c.findings.map(finding).join('')}` : '';
  return `<section class="card"><h3>Card ${n}: ${text(c.title)}</h3>`
    + `<p class="meta">${code(c.componentId)} · kind ${code(c.kind)}${c.ai ? ' (AI component)' : ''} · ${text(c.kindReason)}${where}</p>`
    + (c.note ? `<p class="note">${text(c.note)}</p>` : '')
    + `${stride}${questions}<p>Notes:</p><div class="line"></div><div class="line"></div>${findings}</section>`;
}

function decisionLog(p: WorkshopPack): string {
  if (!p.decisionLog.length) return `<section class="log"><h2>Decision log</h2><p>${text(EMPTY_LOG)}</p></section>`;
  const rows = p.decisionLog.map((r, i) => {
    const threat = `${code(r.ruleId)}${r.threat ? ` ${code(r.threat.id)}` : ''} ${text(r.title)}`;
    const status = r.recorded ? STATUS_TEXT[r.status] ?? r.status : `open${r.note ? `: ${r.note}` : ''}`;
    const cells = [text(r.componentLabel), threat, text(decisionWhat(r)), r.text ? text(r.text) : '', r.owner ? text(r.owner) : '', r.expires ? text(r.expires) : '', text(status)];
    return `<tr${r.recorded ? '' : ' class="blank"'}><td class="num">${i + 1}</td>${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`;
  }).join('');
  const recorded = p.decisionLog.filter((r) => r.recorded).length;
  const open = p.decisionLog.length - recorded;
  return `<section class="log"><h2>Decision log</h2><p>${recorded} decision${recorded === 1 ? '' : 's'} already recorded in the file, ${open} open finding${open === 1 ? '' : 's'} to decide.</p>`
    + '<table><thead><tr>' + ['#', 'Component', 'Threat', 'Decision', 'Control or reason', 'Owner', 'Expires', 'Status'].map((h) => `<th scope="col">${h}</th>`).join('') + `</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function writeBack(p: WorkshopPack): string {
  const g = p.writeBack;
  return `<section class="writeback"><h2>Writing decisions back</h2><p>${text(g.where)}</p><pre>${g.syntax.map(text).join('\n')}</pre><ul>${g.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul></section>`;
}

/** One file's pack as an `<article>`. */
export function workshopSection(p: WorkshopPack): string {
  const notes = p.notes.map((n) => `<p class="note"><strong>Before the session:</strong> ${text(n)}</p>`).join('');
  const cards = p.cards.length ? p.cards.map((c, i) => card(c, i + 1)).join('\n') : '<p>No component to visit.</p>';
  return `<article>\n<h1>${text(packTitle(p))}</h1><p class="meta">File ${code(p.path)} · prepared ${text(p.date)} · ${text(countsLine(p))}</p>${notes}\n`
    + `${agenda(p)}\n${roles(p)}\n<h2>Question cards</h2>\n${cards}\n${decisionLog(p)}\n${writeBack(p)}\n</article>`;
}

/** The page around one or more packs; `nonce` is a fresh random value for the CSP's style-src. */
export function workshopPage(title: string, sections: readonly string[], nonce: string): string {
  const n = escapeHtml(nonce);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(title)}</title>`,
    `<style nonce="${n}">${STYLE}</style></head><body>`,
    sections.join('\n<hr>\n'),
    '</body></html>',
    '',
  ].join('\n');
}
