import { AXES, type Axis } from '@app/taxonomy';
import type { ProposedLabelsDto } from './commands/file-incident/file-incident.request.dto.js';

/**
 * The filer's proposals as stored in `incidents.proposed_labels`: only the axes given, as a plain object; null when
 * none is given (an amendment with `proposedLabels: {}` withdraws them).
 */
export function proposedLabelsOf(proposals: ProposedLabelsDto | undefined): Partial<Record<Axis, string>> | null {
  if (!proposals) return null;
  const stored: Partial<Record<Axis, string>> = {};
  for (const axis of AXES) {
    const label = proposals[axis];
    if (label !== undefined) stored[axis] = label;
  }
  return Object.keys(stored).length > 0 ? stored : null;
}
