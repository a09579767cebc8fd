import { In, type DataSource } from 'typeorm';
import { CLASSIFIER_VERSION } from '@app/taxonomy';
import { classifyAndStore } from '../../incidents/classify-and-store.js';
import { IncidentEntity } from '../../incidents/incident.entity.js';

/** Progress after each batch: incidents re-classified so far of those found at the start, and the rate. */
export interface BackfillProgress {
  done: number;
  total: number;
  skipped: number;
  ratePerSecond: number;
}

export interface BackfillOptions {
  /** Incidents per transaction (default 500). */
  batchSize?: number;
  onProgress?: (progress: BackfillProgress) => void;
}

/** Orders dotted numeric versions (`0.10.0` after `0.9.1`); a missing part counts as 0. */
export function compareClassifierVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * Re-classifies every stored incident (active or retracted) whose newest machine result is from an older classifier
 * version, in batches keyed by incident id, one transaction per batch with the batch's incidents locked. Resumable: a
 * rerun continues with the incidents still lacking a current result. The new result is appended to the history for
 * the incident's current version (cause `backfill`); earlier results stay stored and listed by
 * GET /incidents/{id}/classifications. A reviewed incident keeps its reviewed labels in force (a `review` row over the
 * new result follows, classify-and-store.ts); a reviewed axis whose machine label changes goes back on the review
 * queue (review-rules.ts pendingAxes). An incident whose newest machine result is from a NEWER version (a newer
 * release ran first) is skipped. Sends no events: partners hear of a changed label with the incident's next amendment
 * or review. Returns the final progress.
 */
export async function backfillClassifications(dataSource: DataSource, options: BackfillOptions = {}): Promise<BackfillProgress> {
  const batchSize = options.batchSize ?? 500;
  const version = CLASSIFIER_VERSION;
  const started = performance.now();
  const newestMachineVersion = `(SELECT classifier_version FROM incident_classifications m
                                  WHERE m.incident_id = i.id AND m.kind = 'machine' ORDER BY m.seq DESC LIMIT 1)`;
  // A foreign incident keeps the classification its originator sent (src/federation): never re-classified here.
  const outdated = `${newestMachineVersion} IS DISTINCT FROM $1 AND NOT EXISTS (SELECT 1 FROM foreign_incidents f WHERE f.incident_id = i.id)`;
  const [{ total }]: Array<{ total: number }> = await dataSource.query(
    `SELECT count(*)::int AS total FROM incidents i WHERE ${outdated}`,
    [version],
  );
  const progress: BackfillProgress = { done: 0, total, skipped: 0, ratePerSecond: 0 };
  let after: string | null = null;
  for (;;) {
    const ids: string[] = await dataSource.transaction(async (manager) => {
      const batch: Array<{ id: string; newest_machine_version: string | null }> = await manager.query(
        `SELECT i.id, ${newestMachineVersion} AS newest_machine_version
           FROM incidents i
          WHERE ${outdated} AND ($2::uuid IS NULL OR i.id > $2::uuid)
          ORDER BY i.id LIMIT $3
          FOR UPDATE OF i`,
        [version, after, batchSize],
      );
      const due = batch.filter((row) => !row.newest_machine_version || compareClassifierVersions(row.newest_machine_version, version) < 0);
      progress.skipped += batch.length - due.length;
      const incidents = due.length > 0 ? await manager.findBy(IncidentEntity, { id: In(due.map((row) => row.id)) }) : [];
      for (const incident of incidents) await classifyAndStore(manager, incident, 'backfill');
      progress.done += incidents.length;
      return batch.map((row) => row.id);
    });
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    progress.ratePerSecond = progress.done / Math.max((performance.now() - started) / 1000, 0.001);
    options.onProgress?.({ ...progress });
  }
  return progress;
}
