/**
 * The C4 statements Mermaid knows and what their positional arguments mean (Mermaid's c4Db
 * signatures). `$key="value"` arguments set the named field wherever they stand.
 */

export type C4Role = 'element' | 'boundary' | 'rel' | 'style';

export interface C4Keyword {
  role: C4Role;
  /** Names of the positional arguments, in order. */
  args: readonly string[];
  /** Model shape for elements: `person`, `database`, `queue` or the C4 level. */
  shape?: string;
  /** `_Ext` forms: the element is run by someone else. */
  external?: boolean;
  /** Boundary type implied by the keyword (`Enterprise_Boundary` → `enterprise`). */
  boundaryType?: string;
  /** `BiRel`: data goes both ways. */
  bidirectional?: boolean;
}

const PERSON_ARGS = ['alias', 'label', 'descr', 'sprite', 'tags', 'link'];
const TECH_ARGS = ['alias', 'label', 'techn', 'descr', 'sprite', 'tags', 'link'];
const REL_ARGS = ['from', 'to', 'label', 'techn', 'descr', 'sprite', 'tags', 'link'];

function elements(level: 'system' | 'container' | 'component', args: readonly string[]): [string, C4Keyword][] {
  const base = level === 'system' ? 'System' : level === 'container' ? 'Container' : 'Component';
  return [
    [base, { role: 'element', args, shape: level }],
    [`${base}Db`, { role: 'element', args, shape: 'database' }],
    [`${base}Queue`, { role: 'element', args, shape: 'queue' }],
    [`${base}_Ext`, { role: 'element', args, shape: level, external: true }],
    [`${base}Db_Ext`, { role: 'element', args, shape: 'database', external: true }],
    [`${base}Queue_Ext`, { role: 'element', args, shape: 'queue', external: true }],
  ];
}

const rel = (bidirectional = false): C4Keyword => ({ role: 'rel', args: REL_ARGS, ...(bidirectional ? { bidirectional } : {}) });
const NODE: C4Keyword = { role: 'boundary', args: ['alias', 'label', 'type', 'descr', 'sprite', 'tags', 'link'], boundaryType: 'node' };

export const C4_KEYWORDS: ReadonlyMap<string, C4Keyword> = new Map<string, C4Keyword>([
  ['Person', { role: 'element', args: PERSON_ARGS, shape: 'person' }],
  ['Person_Ext', { role: 'element', args: PERSON_ARGS, shape: 'person', external: true }],
  ...elements('system', PERSON_ARGS),
  ...elements('container', TECH_ARGS),
  ...elements('component', TECH_ARGS),
  ['Boundary', { role: 'boundary', args: ['alias', 'label', 'type', 'tags', 'link'] }],
  ['Enterprise_Boundary', { role: 'boundary', args: ['alias', 'label', 'tags', 'link'], boundaryType: 'enterprise' }],
  ['System_Boundary', { role: 'boundary', args: ['alias', 'label', 'tags', 'link'], boundaryType: 'system' }],
  ['Container_Boundary', { role: 'boundary', args: ['alias', 'label', 'tags', 'link'], boundaryType: 'container' }],
  ['Deployment_Node', NODE], ['Node', NODE], ['Node_L', NODE], ['Node_R', NODE],
  ['Rel', rel()], ['BiRel', rel(true)],
  ['Rel_U', rel()], ['Rel_Up', rel()], ['Rel_D', rel()], ['Rel_Down', rel()],
  ['Rel_L', rel()], ['Rel_Left', rel()], ['Rel_R', rel()], ['Rel_Right', rel()], ['Rel_Back', rel()],
  ['RelIndex', { role: 'rel', args: ['index', ...REL_ARGS] }],
  ['UpdateElementStyle', { role: 'style', args: [] }],
  ['UpdateRelStyle', { role: 'style', args: [] }],
  ['UpdateLayoutConfig', { role: 'style', args: [] }],
]);
