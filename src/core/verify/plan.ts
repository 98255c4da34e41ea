/**
 * The verification plan: for every finding that is open or has a mitigation (planned or done),
 * how to test that a control against it works, from catalogs/verification.yaml. Accepted and
 * not-applicable findings have no control to test, so they are left out. Pure: the CLI, the
 * editor command and the tests call the same function on the engine's results.
 */
import type { DecisionRef, Finding, Severity } from '../analysis/finding';
import { decisionStatus } from '../analysis/decisionState';
import { SEVERITY_ORDER } from '../analysis/score';
import type { Catalog } from '../catalog/types';
import { LineIndex } from '../positions';
import type { FileResult } from '../report/types';
import { builtinVerification, type ControlCheck, type VerificationMap } from './mapping';

export type PlannedStatus = 'open' | 'planned' | 'mitigated';

export interface PlanItem {
  ruleId: string;
  title: string;
  severity: Severity;
  status: PlannedStatus;
  /** 1-based line of the component's declaration. */
  line: number;
  /** The decision's control, in the diagram's words, when the finding is mitigated or planned. */
  control?: string;
  /**
   * How to verify it: for a decided finding whose control names a catalog mitigation (its id,
   * name or quick-fix text), that mitigation's check; otherwise the checks of every control the
   * rule suggests, since any of them may be what the team built.
   */
  checks: ControlCheck[];
}

export interface PlanComponent {
  path: string;
  componentId: string;
  label: string;
  items: PlanItem[];
}

export interface VerificationPlan {
  components: PlanComponent[];
  /** The files the plan was built from, in input order. */
  paths: string[];
  /** Every garak name of the plan, sorted, without repeats. */
  garak: string[];
  /** Every ART attack of the plan, sorted, without repeats. */
  art: string[];
}

const PLANNED: ReadonlySet<string> = new Set<PlannedStatus>(['open', 'planned', 'mitigated']);

function isPlanned(f: Finding): f is Finding & { status: PlannedStatus } {
  return PLANNED.has(f.status);
}

/** The mitigation decisions that set this finding's status (a placeholder one does not). */
function controlsOf(f: Finding): DecisionRef[] {
  return f.decisions.filter((d) => d.type === 'mitigates' && d.covers.includes(f.ruleId) && decisionStatus(d) !== 'open');
}

function named(text: string, check: ControlCheck): boolean {
  const t = text.trim().toLowerCase();
  if (t === check.stub.toLowerCase() || t === check.name.toLowerCase()) return true;
  return new RegExp(`(^|[^a-z0-9-])${check.mitigation}($|[^a-z0-9-])`).test(t);
}

function checksFor(f: Finding, controls: readonly DecisionRef[], catalog: Catalog, map: VerificationMap): ControlCheck[] {
  const suggested = (catalog.ruleById.get(f.ruleId)?.mitigations ?? f.mitigations.map((m) => m.id))
    .map((id) => map.get(id))
    .filter((c): c is ControlCheck => c !== undefined);
  const all = [...map.values()];
  const chosen = all.filter((c) => controls.some((d) => named(d.text, c)));
  return chosen.length ? chosen : suggested;
}

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** The plan of the analysed files, components in file order, each one's riskiest finding first. */
export function buildVerificationPlan(results: readonly FileResult[], catalog: Catalog, map: VerificationMap = builtinVerification()): VerificationPlan {
  const components: PlanComponent[] = [];
  for (const r of results) {
    const lines = new LineIndex(r.file.text);
    const byComponent = new Map<string, PlanComponent>();
    for (const f of r.findings) {
      if (!isPlanned(f)) continue;
      const controls = f.status === 'open' ? [] : controlsOf(f);
      const control = controls.map((d) => d.text.trim()).filter(Boolean).join('; ');
      const item: PlanItem = {
        ruleId: f.ruleId, title: f.title, severity: f.severity, status: f.status,
        line: lines.positionAt(f.span.start).line + 1,
        ...(control ? { control } : {}),
        checks: checksFor(f, controls, catalog, map),
      };
      let c = byComponent.get(f.componentId);
      if (!c) {
        const label = r.file.models.flatMap((m) => m.components).find((x) => x.id === f.componentId)?.label ?? f.componentId;
        c = { path: r.file.path, componentId: f.componentId, label, items: [] };
        byComponent.set(f.componentId, c);
      }
      c.items.push(item);
    }
    for (const c of byComponent.values()) {
      c.items.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId));
      components.push(c);
    }
  }
  const checks = components.flatMap((c) => c.items.flatMap((i) => i.checks));
  return {
    components,
    paths: results.map((r) => r.file.path),
    garak: unique(checks.flatMap((c) => c.garak)),
    art: unique(checks.flatMap((c) => c.art)),
  };
}
