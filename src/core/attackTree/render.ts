/**
 * The attack tree as a Mermaid flowchart, goal on top. Gates are visible twice: an AND node's
 * text starts with "AND" and its edges are labelled with the order of its parts ("AND 1", "AND
 * 2"…), an OR node's (and a goal's) edges say "OR". Controls hang off the AND node they cut with
 * dotted edges, coloured by status. Ids are generated (`g`, `n1`, `c1`…), so no text from the
 * model ever lands outside a quoted, escaped label.
 */
import type { Finding } from '../analysis/finding';
import { mermaidText, node } from './label';
import type { AttackTreeModel, CutStatus, TreeNode } from './model';

const CUT_CLASS: Record<CutStatus, string> = {
  planned: 'planned', implemented: 'implemented', verified: 'implemented', accepted: 'accepted', 'accepted, expired': 'expired', 'not applicable': 'accepted', suggested: 'suggested',
};

const THREAT_CLASS: Record<Finding['status'], string> = { open: 'open', planned: 'planned', mitigated: 'implemented', accepted: 'accepted', 'not-applicable': 'accepted' };

const CLASS_DEFS = [
  'classDef goal fill:#263238,stroke:#263238,color:#ffffff',
  'classDef gate fill:#eceff1,stroke:#455a64,color:#263238',
  'classDef open fill:#fdecea,stroke:#c62828,color:#5f1212',
  'classDef planned fill:#fff8e1,stroke:#f9a825,color:#4e3b00',
  'classDef implemented fill:#e8f5e9,stroke:#2e7d32,color:#133d17',
  'classDef accepted fill:#e3f2fd,stroke:#1565c0,color:#0d2f5a',
  'classDef expired fill:#fdecea,stroke:#c62828,stroke-dasharray:4 3,color:#5f1212',
  'classDef suggested fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3,color:#424242',
  'classDef entry fill:#fff3e0,stroke:#ef6c00,color:#4e2600',
  'classDef step fill:#ffffff,stroke:#78909c,color:#263238',
  'classDef condition fill:#ffffff,stroke:#c62828,stroke-dasharray:2 2,color:#5f1212',
];

export function renderAttackTree(t: AttackTreeModel): string {
  const c = t.component;
  const lines = [
    `%% Threatlens ${t.kind === 'chain' ? 'attack chain' : 'attack tree'} for "${mermaidText(c.id)}" in ${mermaidText(t.path)}`,
    'flowchart TB',
  ];
  const classes = new Map<string, string[]>();
  const tag = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), id]);
  let nodes = 0;
  let cuts = 0;
  const emit = (n: TreeNode, id: string, prefix = '') => {
    if (n.type === 'goal') {
      lines.push(`    ${node(id, `${prefix}Goal: ${n.text}`)}`);
      tag('goal', id);
    } else if (n.type === 'and') {
      lines.push(`    ${node(id, `${prefix}AND: ${n.text}`)}`);
      tag(n.finding ? THREAT_CLASS[n.finding.status] : 'gate', id);
    } else if (n.type === 'or') {
      lines.push(`    ${node(id, `${prefix}OR: ${n.text}`)}`);
      tag('gate', id);
    } else {
      lines.push(`    ${node(id, `${prefix}${n.text}`)}`);
      tag(n.type, id);
    }
    if (n.type === 'goal' || n.type === 'or' || n.type === 'and') {
      if (n.children.length === 0 && n.type === 'goal') {
        const none = `n${++nodes}`;
        lines.push(`    ${node(none, 'No route from an untrusted source reaches it in the diagram')}`, `    ${id} --- ${none}`);
        tag('suggested', none);
      }
      n.children.forEach((child, k) => {
        const cid = `n${++nodes}`;
        const sequenced = n.type === 'and' && n.children.length > 1;
        emit(child, cid, sequenced ? `${k + 1}. ` : '');
        lines.push(`    ${id} -->|${n.type === 'and' ? (sequenced ? `AND ${k + 1}` : 'AND') : 'OR'}| ${cid}`);
      });
    }
    if (n.type === 'and') {
      for (const cut of n.cuts) {
        const cid = `c${++cuts}`;
        lines.push(`    ${node(cid, `${cut.status === 'suggested' ? 'could be cut by' : 'cut by'} (${cut.status}): ${cut.text}`)}`, `    ${id} -.->|${cut.status === 'suggested' ? 'suggested' : 'cut'}| ${cid}`);
        tag(CUT_CLASS[cut.status], cid);
      }
    }
  };
  emit(t.root, 'g');
  for (const d of CLASS_DEFS) lines.push(`    ${d}`);
  for (const [cls, ids] of classes) lines.push(`    class ${ids.join(',')} ${cls}`);
  return `${lines.join('\n')}\n`;
}
