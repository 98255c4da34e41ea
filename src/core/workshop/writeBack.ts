/**
 * How the scribe writes the room's decisions into the file, in the file's own syntax: Mermaid
 * comments for diagrams (README "Annotation syntax"), `# @…` comments for Threagile models (which
 * must stay valid Threagile), and the decision maps under a component in Threatlens YAML. The
 * ready-made lines reuse the writer the quick fixes use, so quoting is the same.
 */
import type { FileResult } from '../report/types';
import { annotationLine, asHashComment } from '../edits/requests';
import { annotationTarget, nameableInAnnotation, quoteYaml } from '../edits/text';
import type { SyntaxFormat, WriteBackGuide } from './types';

export function syntaxOf(result: FileResult): SyntaxFormat {
  if (result.file.format !== 'yaml') return 'mermaid';
  return result.file.models.some((m) => m.diagram === 'threagile') ? 'threagile' : 'threatlens-yaml';
}

const CONTROL = 'the control you chose';
const ACCEPT = 'why this risk is acceptable';
const NOT_APPLICABLE = 'why this threat does not apply';

/** Lines for one open finding: mitigate (with the first suggested control as a start), accept, rule out. */
export function findingWriteBack(syntax: SyntaxFormat, componentId: string, ruleId: string, suggested?: string): string[] {
  if (!nameableInAnnotation(componentId)) return [];
  const control = suggested?.trim() || CONTROL;
  if (syntax === 'threatlens-yaml') {
    return [
      `mitigations: { ${ruleId}: { control: ${quoteYaml(control)}, status: planned } }`,
      `accepted: { ${ruleId}: { reason: ${quoteYaml(ACCEPT)}, owner: <owner>, expires: YYYY-MM-DD } }`,
      `not-applicable: { ${ruleId}: ${quoteYaml(NOT_APPLICABLE)} }`,
    ];
  }
  const lines = [
    annotationLine({ type: 'mitigates', componentId, threat: ruleId, control, status: 'planned' }),
    annotationLine({ type: 'accepts', componentId, threat: ruleId, reason: ACCEPT, owner: '<owner>', expires: 'YYYY-MM-DD' }),
    annotationLine({ type: 'not-applicable', componentId, threat: ruleId, reason: NOT_APPLICABLE }),
  ];
  return syntax === 'threagile' ? lines.map(asHashComment) : lines;
}

/** The line that declares the kind of a component Threatlens could not place. */
export function kindWriteBack(syntax: SyntaxFormat, componentId: string): string | undefined {
  if (!nameableInAnnotation(componentId)) return undefined;
  if (syntax === 'threatlens-yaml') return 'kind: <kind>';
  const line = `%% @component ${annotationTarget(componentId)} kind=<kind>`;
  return syntax === 'threagile' ? asHashComment(line) : line;
}

/** `inMarkdown`: the diagrams are ```mermaid fences of a Markdown file. */
export function writeBackGuide(syntax: SyntaxFormat, inMarkdown = false): WriteBackGuide {
  const statusNote = 'Status of a mitigation: planned keeps the finding visible as planned; implemented and verified mark it mitigated. An acceptance whose expires date has passed opens the finding again.';
  const threatNote = 'The threat can be the rule id (TL001, deciding that one finding) or an OWASP or ATLAS id with its edition (LLM01:2025, AML.T0051), which decides every finding on the component citing it.';
  const placeholder = 'A reason or control still reading "TODO: …" is a placeholder: the finding stays open until it is written.';
  if (syntax === 'threatlens-yaml') {
    return {
      where: 'Under the component in the YAML model, one map per kind of decision, keyed by the threat.',
      syntax: [
        'mitigations:',
        '  <THREAT>: { control: "<control>", status: planned|implemented|verified }',
        'accepted:',
        '  <THREAT>: { reason: "<reason>", owner: <name>, expires: YYYY-MM-DD }',
        'not-applicable:',
        '  <THREAT>: "<reason>"',
      ],
      notes: [threatNote, statusNote, placeholder],
    };
  }
  const lines = [
    '%% @mitigates <node> against <THREAT> with "<control>" (planned|implemented|verified)',
    '%% @accepts <node> <THREAT> because "<reason>" [owner=<name>] [expires=YYYY-MM-DD]',
    '%% @not-applicable <node> <THREAT> because "<reason>"',
    '%% @component <node> kind=<kind>',
  ];
  return {
    where: syntax === 'threagile'
      ? 'As YAML comments anywhere in the Threagile file, so it stays valid Threagile; <node> is the technical asset id.'
      : `As Mermaid comments inside the diagram (after its last line is fine${inMarkdown ? ', within the ```mermaid fence of the diagram that draws the component' : ''}), so the diagram still renders; <node> is the node id, quoted when it holds spaces.`,
    syntax: syntax === 'threagile' ? lines.map(asHashComment) : lines,
    notes: [threatNote, statusNote, placeholder, 'Each open finding on the cards lists its own lines, ready to copy and finish.'],
  };
}
