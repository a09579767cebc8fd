import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of deploy/demo/incidents.json: a real incident and the POST /incidents body built from it. */
export interface DemoIncident {
  provenance: { dataset: string; id: string; url?: string; translation?: 'zh'; translatedBy?: string };
  filing: Record<string, unknown> & { title: string; tlp?: string; country: string };
}

/** The shipped demo data set (real incidents; see deploy/demo/NOTICE.md). */
export function loadDemoIncidents(): DemoIncident[] {
  return JSON.parse(readFileSync(join(process.cwd(), 'deploy/demo/incidents.json'), 'utf8')) as DemoIncident[];
}
