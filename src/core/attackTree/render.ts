/**
 * The attack tree as a Mermaid flowchart: the goal on top, one OR branch per threat, each branch
 * a chain of attacker steps, and the controls that cut it hanging off the branch with dotted
 * edges, coloured by status. Ids are generated (`g`, `t1`, `t1s2`, `t1c1`), so no text from the
 * model ever lands outside a quoted, escaped label.
 */
import type { Finding } from '../analysis/finding';
import type { CatalogLookup } from '../report/types';
import { mermaidText, node } from './label';
import type { AttackTreeModel, CutStatus } from './model';

const CUT_CLASS: Record<CutStatus, string> = {
  planned: 'planned', implemented: 'implemented', verified: 'implemented', accepted: 'accepted', 'accepted, expired': 'expired', 'not applicable': 'accepted', suggested: 'suggested',
};

const THREAT_CLASS: Record<Finding['status'], string> = { open: 'open', planned: 'planned', mitigated: 'implemented', accepted: 'accepted', 'not-applicable': 'accepted' };

const CLASS_DEFS = [
  'classDef goal fill:#263238,stroke:#263238,color:#ffffff',
  'classDef open fill:#fdecea,stroke:#c62828,color:#5f1212',
  'classDef planned fill:#fff8e1,stroke:#f9a825,color:#4e3b00',
  'classDef implemented fill:#e8f5e9,stroke:#2e7d32,color:#133d17',
  'classDef accepted fill:#e3f2fd,stroke:#1565c0,color:#0d2f5a',
  'classDef expired fill:#fdecea,stroke:#c62828,stroke-dasharray:4 3,color:#5f1212',
  'classDef suggested fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3,color:#424242',
  'classDef step fill:#ffffff,stroke:#78909c,color:#263238',
];

export function renderAttackTree(t: AttackTreeModel, lookup?: CatalogLookup): string {
  const c = t.component;
  const lines = [
    `%% Threatlens attack tree for "${mermaidText(c.id)}" in ${mermaidText(t.path)}`,
    'flowchart TB',
    `    ${node('g', `Goal: compromise ${c.id}${c.label && c.label !== c.id ? ` (${c.label})` : ''}`)}`,
  ];
  const classes = new Map<string, string[]>([['goal', ['g']]]);
  const tag = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), id]);
  if (t.branches.length === 0) {
    lines.push(`    ${node('none', 'No threats found for this component')}`, '    g --- none');
    tag('suggested', 'none');
  }
  t.branches.forEach((b, i) => {
    const f = b.finding;
    const id = `t${i + 1}`;
    const ref = f.owasp[0] ?? f.ruleId;
    const name = lookup?.owasp(ref)?.name;
    const path = f.evidence.length > 1 ? `, via ${f.evidence.map((e) => e.componentId).join(' → ')}` : '';
    lines.push(`    ${node(id, `${ref}${name ? ` ${name}` : ''}: ${f.title} (${f.score.toFixed(1)} ${f.severity}, ${f.status})${path}`)}`);
    lines.push(`    g -->|OR| ${id}`);
    tag(THREAT_CLASS[f.status], id);
    let prev = id;
    b.steps.forEach((s, k) => {
      const sid = `${id}s${k + 1}`;
      lines.push(`    ${node(sid, `${k + 1}. ${s.text}`)}`, `    ${prev} --> ${sid}`);
      tag('step', sid);
      prev = sid;
    });
    b.cuts.forEach((cut, k) => {
      const cid = `${id}c${k + 1}`;
      lines.push(`    ${node(cid, `${cut.status}: ${cut.text}`)}`, `    ${id} -.->|cut by| ${cid}`);
      tag(CUT_CLASS[cut.status], cid);
    });
  });
  for (const d of CLASS_DEFS) lines.push(`    ${d}`);
  for (const [cls, ids] of classes) lines.push(`    class ${ids.join(',')} ${cls}`);
  return `${lines.join('\n')}\n`;
}
