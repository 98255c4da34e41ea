/**
 * One generator per construct of every notation Threatlens reads, each growing a file to a given
 * size by repeating that construct. The linearity table (bench/linearity.ts) and its test time the
 * whole engine on each at n and 10n: a ratio far above 10 means some path is super-linear.
 */

export interface Construct {
  name: string;
  /** The path the text is analysed as: it picks the format. */
  path: string;
  /** A text of at least `size` characters (and not much more). */
  make(size: number): string;
}

/**
 * `head`, then `unit(i)` for i = 0, 1, ... until `size` characters, then `close` once per unit
 * (the `end` of each nested block), counted in the size.
 */
function grow(head: string, unit: (i: number) => string, close = ''): (size: number) => string {
  return (size) => {
    const parts = [head];
    let length = head.length;
    let i = 0;
    while (length < size) {
      const u = unit(i++);
      parts.push(u);
      length += u.length + close.length;
    }
    parts.push(close.repeat(i));
    return parts.join('');
  };
}

/** `head`, one line made of `unit` repeated to `size`, then `tail`. */
function longLine(head: string, unit: string, tail: string): (size: number) => string {
  return (size) => head + unit.repeat(Math.ceil(size / unit.length)) + tail;
}

const FLOW = 'flowchart LR\n';
const SEQ = 'sequenceDiagram\n';
const C4 = 'C4Container\n';
const ARCH = 'architecture-beta\n';
const fence = (body: string): string => '```mermaid\n' + body + '```\n';

export const CONSTRUCTS: readonly Construct[] = [
  // Flowcharts
  { name: 'flowchart nodes', path: 'a.mmd', make: grow(FLOW, (i) => `  n${i}[GPT-4o node ${i}]\n`) },
  { name: 'flowchart edges', path: 'a.mmd', make: grow(FLOW, (i) => `  n${i} -->|prompt ${i}| m${i}[(Pinecone)]\n`) },
  { name: 'flowchart chained edges', path: 'a.mmd', make: (size) => `${grow(`${FLOW}  start[User]`, (i) => ` --> c${i}`)(size - 1)}\n` },
  { name: 'flowchart subgraphs nested', path: 'a.mmd', make: grow(FLOW, (i) => `  subgraph s${i} [Zone ${i}]\n    n${i}[Agent]\n`, '  end\n') },
  { name: 'flowchart subgraphs flat', path: 'a.mmd', make: grow(FLOW, (i) => `  subgraph s${i} [Zone ${i}]\n    n${i}[Agent] --> t${i}{{Tool}}\n  end\n`) },
  { name: 'flowchart classDef/class/style', path: 'a.mmd', make: grow(`${FLOW}  n0[LLM]\n`, (i) => `  classDef c${i} fill:#f9f,stroke:#333\n  class n0 c${i}\n  style n0 fill:#bbf\n`) },
  { name: 'flowchart annotations, unknown nodes', path: 'a.mmd', make: grow(FLOW, (i) => `  svc${i}[Node ${i}]\n  %% @mitigates svx${i} against LLM01:2025 with "filter" (planned)\n`) },
  { name: 'flowchart annotations, unknown threats', path: 'a.mmd', make: grow(`${FLOW}  llm[GPT-4o]\n`, (i) => `  %% @accepts llm LLMX${i} because "fine"\n`) },
  { name: 'flowchart annotations, known nodes', path: 'a.mmd', make: grow(FLOW, (i) => `  n${i}[GPT-4o]\n  %% @mitigates n${i} against LLM01:2025 with "filter" (planned)\n`) },
  { name: 'flowchart unknown directives', path: 'a.mmd', make: grow(`${FLOW}  llm[GPT-4o]\n`, (i) => `  %% @frobnicate${i} llm x=1\n  %%{ weird${i} }%%\n`) },
  { name: 'flowchart unknown statements', path: 'a.mmd', make: grow(`${FLOW}  llm[GPT-4o]\n`, (i) => `  what is this ${i} ???\n`) },
  { name: 'flowchart end lines', path: 'a.mmd', make: grow(FLOW, () => 'end\n') },
  { name: 'flowchart long label', path: 'a.mmd', make: longLine(`${FLOW}  u[User] --> llm["`, 'GPT vector store ', '"]\n') },
  { name: 'flowchart many quotes', path: 'a.mmd', make: longLine(`${FLOW}  u[User] --> llm[`, '"a" ', ']\n') },
  { name: 'flowchart unbalanced quotes', path: 'a.mmd', make: grow(FLOW, (i) => `  n${i}["open ${i}\n`) },
  // Sequence diagrams
  { name: 'sequence participants', path: 'a.mmd', make: grow(SEQ, (i) => `  participant P${i} as LLM agent ${i}\n`) },
  { name: 'sequence messages', path: 'a.mmd', make: grow(`${SEQ}  participant U as User\n  participant L as GPT-4o\n`, (i) => `  U->>L: prompt ${i}\n`) },
  { name: 'sequence messages, many actors', path: 'a.mmd', make: grow(SEQ, (i) => `  A${i}->>A${i + 1}: call ${i}\n`) },
  { name: 'sequence boxes', path: 'a.mmd', make: grow(SEQ, (i) => `  box Aqua Group ${i}\n    participant P${i}\n  end\n`) },
  { name: 'sequence notes', path: 'a.mmd', make: grow(`${SEQ}  participant U\n  participant L\n`, (i) => `  Note over U,L: note ${i}\n`) },
  { name: 'sequence alt/loop nested', path: 'a.mmd', make: grow(`${SEQ}  participant U\n  participant L\n`, (i) => `  ${i % 2 ? 'loop' : 'alt'} step ${i}\n    U->>L: m${i}\n`, '  end\n') },
  { name: 'sequence alt/loop flat', path: 'a.mmd', make: grow(`${SEQ}  participant U\n  participant L\n`, (i) => `  alt c${i}\n    U->>L: a\n  else\n    L->>U: b\n  end\n`) },
  // C4
  { name: 'C4 elements', path: 'a.mmd', make: grow(C4, (i) => `  Container(c${i}, "LLM ${i}", "GPT-4o", "answers")\n`) },
  { name: 'C4 relations', path: 'a.mmd', make: grow(`${C4}  Container(a, "API")\n  Container(b, "LLM", "GPT-4o")\n`, (i) => `  Rel(a, b, "call ${i}", "HTTPS")\n`) },
  { name: 'C4 adjacent quoted strings', path: 'a.mmd', make: longLine(`${C4}  Container(c, `, '"a""b"', ')\n') },
  { name: 'C4 adjacent quoted strings, lines', path: 'a.mmd', make: grow(C4, (i) => `  Container(c${i}, "a""b""c""d", "x""y")\n`) },
  { name: 'C4 unbalanced quotes', path: 'a.mmd', make: grow(C4, (i) => `  Container(c${i}, "open ${i})\n`) },
  { name: 'C4 unbalanced quotes, one line', path: 'a.mmd', make: longLine(`${C4}  Container(c, `, '"a, ', ')\n') },
  { name: 'C4 boundaries nested', path: 'a.mmd', make: grow(C4, (i) => `  Boundary(b${i}, "Zone ${i}") {\n    Container(c${i}, "Agent")\n`, '  }\n') },
  { name: 'C4 boundaries flat', path: 'a.mmd', make: grow(C4, (i) => `  System_Boundary(b${i}, "Zone ${i}") {\n    Container(c${i}, "Agent")\n  }\n`) },
  // architecture-beta
  { name: 'architecture services', path: 'a.mmd', make: grow(ARCH, (i) => `  service s${i}(server)[LLM ${i}]\n`) },
  { name: 'architecture groups nested', path: 'a.mmd', make: grow(`${ARCH}  group g0(cloud)[G]\n`, (i) => `  group g${i + 1}(cloud)[Group ${i}] in g${i}\n  service s${i}(server)[S] in g${i + 1}\n`) },
  { name: 'architecture groups flat', path: 'a.mmd', make: grow(ARCH, (i) => `  group g${i}(cloud)[Group ${i}]\n  service s${i}(database)[DB] in g${i}\n`) },
  { name: 'architecture edges', path: 'a.mmd', make: grow(`${ARCH}  service s0(server)[S]\n`, (i) => `  service s${i + 1}(server)[S]\n  s${i}:R --> L:s${i + 1}\n`) },
  // Markdown
  { name: 'markdown many fences', path: 'a.md', make: grow('# Doc\n', (i) => `Text ${i}\n\n${fence(`flowchart LR\n  u${i}[User] --> l${i}[GPT-4o]\n`)}\n`) },
  { name: 'markdown unclosed fences', path: 'a.md', make: grow('# Doc\n', (i) => `\`\`\`mermaid\nflowchart LR\n  u${i}[User] --> l${i}[GPT-4o]\n`) },
  { name: 'markdown other fences', path: 'a.md', make: grow('# Doc\n', (i) => `\`\`\`js\nconst x${i} = 1;\n\`\`\`\n~~~\n`) },
  // Threatlens YAML
  { name: 'yaml components', path: 'a.threatlens.yaml', make: grow('threatlens: 1\ncomponents:\n', (i) => `  c${i}: { kind: llm, label: "GPT-4o ${i}" }\n`) },
  { name: 'yaml flows', path: 'a.threatlens.yaml', make: grow('threatlens: 1\ncomponents:\n  a: { kind: client }\n  b: { kind: llm }\nflows:\n', (i) => `  - a -> b: prompt ${i}\n`) },
  { name: 'yaml flows, unknown components', path: 'a.threatlens.yaml', make: grow('threatlens: 1\ncomponents:\n  a: { kind: client }\nflows:\n', (i) => `  - ghost${i} -> a: x\n`) },
  { name: 'yaml anchors', path: 'a.threatlens.yaml', make: grow('threatlens: 1\ncomponents:\n', (i) => `  c${i}: &a${i} { kind: tool, label: T }\n  d${i}: *a${i}\n`) },
  // Threagile
  {
    name: 'threagile assets and links', path: 'a.yaml',
    make: grow('threagile_version: 1.0.0\ntitle: T\ntechnical_assets:\n', (i) => `  Asset ${i}:\n    id: a${i}\n    type: process\n    technology: llm\n    communication_links:\n      Call:\n        target: a${i + 1}\n        protocol: https\n`),
  },
  {
    name: 'threagile trust boundaries', path: 'a.yaml',
    make: grow('threagile_version: 1.0.0\ntitle: T\ntechnical_assets:\n  A:\n    id: a\n    type: process\ntrust_boundaries:\n', (i) => `  B ${i}:\n    id: b${i}\n    type: network-cloud-provider\n    technical_assets_inside: [a]\n    trust_boundaries_nested: [b${i + 1}]\n`),
  },
];
