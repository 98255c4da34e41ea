/**
 * What `--fail-on` counts when there is something to compare with (a base revision or a
 * baseline): open findings that are new, and findings that went back to open. Known open risks
 * do not fail a pull request that did not touch them; expired acceptances are reported but only
 * fail the build as a change against a baseline that recorded them as accepted.
 */
import type { Severity } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import type { DiffFinding, ThreatDiff } from './types';

export function failingFindings(diff: ThreatDiff, failOn: Severity | 'none'): DiffFinding[] {
  if (failOn === 'none') return [];
  const threshold = SEVERITY_ORDER[failOn];
  const reaches = (x: DiffFinding) => x.finding.status === 'open' && SEVERITY_ORDER[x.finding.severity] >= threshold;
  return [...diff.newFindings.filter(reaches), ...diff.statusChanges.filter((c) => c.to === 'open' && reaches(c))];
}
