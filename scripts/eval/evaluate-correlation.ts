/**
 * `npm run eval:correlation`: links real incidents from different sources and measures the correlator
 * (src/correlation) on them. The AI Incident Database, AIAAIC and the OECD AI Incidents Monitor describe many of the
 * same events independently; each source stands in for one jurisdiction's single window (origin US, GB, FR), and our
 * own Chinese translations of 13 demo incidents for a Chinese one (CN). Every incident is stored through the app's own
 * classification and read-model code, then correlated in filing order exactly as the IncidentCorrelationConsumer does.
 *
 * Output: link counts per source pair and score band, recall on the known same-event pairs (the 13 translations, the
 * AIID duplicate list), and precision on the hand-judged sample in scripts/eval/labels/correlation-judgements.json
 * (`--sample N` prints N unjudged links per score band to judge). Data: `$SHARED_DIR/data/incidents/` (default
 * `<repo>/../shared` or `<repo>/../../shared`). Database: `EVAL_DATABASE_URL` (default
 * postgres://root@127.0.0.1:5432/aisw_corr_exports_eval), dropped and re-created on each run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { correlateIncident } from '../../src/correlation/correlate-incident.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { classifyAndStore } from '../../src/incidents/classify-and-store.js';
import { IncidentEntity } from '../../src/incidents/incident.entity.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const sharedDir = process.env.SHARED_DIR ?? [join(repo, '../shared'), join(repo, '../../shared')].find((dir) => existsSync(join(dir, 'data/incidents')))!;
const data = join(sharedDir, 'data/incidents');
const databaseUrl = process.env.EVAL_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/aisw_corr_exports_eval';
const NAMESPACE = '2f0f6a57-52c4-4d8e-9d5c-8a4e0f0b7a11';
/** Links are stored from this score so the bands below the default threshold can be counted too. */
const STORE_FROM = 0.4;
const BANDS = [0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.01];
const FROM = '2023-10-01';
const TO = '2025-12-31';

interface Row {
  key: string;
  dataset: 'AIID' | 'OECD' | 'AIAAIC' | 'ESCAPE' | 'ZH';
  title: string;
  description: string;
  occurredAt: string;
  developer: string | null;
  deployer: string | null;
  aiSystemName: string | null;
  language: 'en' | 'zh';
}

const ORIGIN: Record<Row['dataset'], string> = { AIID: 'US', OECD: 'FR', AIAAIC: 'GB', ESCAPE: 'NZ', ZH: 'CN' };
const csv = (file: string): Array<Record<string, string>> => parse<Record<string, string>>(readFileSync(join(data, file)), { columns: true, skip_empty_lines: true, relax_quotes: true });
const slugs = (value: string | undefined) => {
  try {
    const list = JSON.parse(value ?? '[]') as string[];
    return list.length > 0 ? list.join(', ').slice(0, 200) : null;
  } catch {
    return value ? value.slice(0, 200) : null;
  }
};
const text = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

function loadRows(): Row[] {
  const aiid = csv('aiid_incidents.csv');
  const duplicates = csv('aiid_duplicates.csv').flatMap((row) => [row.duplicate_incident_number, row.true_incident_number]);
  const rows: Row[] = aiid
    .filter((row) => (row.date >= FROM && row.date <= TO) || duplicates.includes(row.incident_id))
    .map((row) => ({
      key: `AIID:${row.incident_id}`,
      dataset: 'AIID',
      title: row.title.slice(0, 300),
      description: row.description || row.title,
      occurredAt: row.date,
      developer: slugs(row['Alleged developer of AI system']),
      deployer: slugs(row['Alleged deployer of AI system']),
      aiSystemName: null,
      language: 'en',
    }));
  for (const row of csv('oecd_aim_fatal_incidents.csv')) {
    rows.push({ key: `OECD:${row.id}`, dataset: 'OECD', title: row.title.slice(0, 300), description: row.summary || row.title, occurredAt: row.date, developer: text(row.companies)?.slice(0, 200) ?? null, deployer: null, aiSystemName: null, language: 'en' });
  }
  for (const row of csv('aiaaic_incidents.csv')) {
    const year = /\d{4}/.exec(row.Occurred ?? '')?.[0];
    if (!year || year < FROM.slice(0, 4) || year > TO.slice(0, 4) || !row.Headline) continue;
    rows.push({
      key: `AIAAIC:${row['AIAAIC ID#']}`,
      dataset: 'AIAAIC',
      title: row.Headline.slice(0, 300),
      description: [row.Headline, row.Purpose, row.Technology].filter(Boolean).join('. '),
      // AIAAIC gives the year only: the middle of the year, so the date signal rarely helps these.
      occurredAt: `${year}-07-01`,
      developer: text(row.Developer)?.slice(0, 200) ?? null,
      deployer: text(row.Deployer)?.slice(0, 200) ?? null,
      aiSystemName: text(row['System name'])?.slice(0, 200) ?? null,
      language: 'en',
    });
  }
  const demo = JSON.parse(readFileSync(join(repo, 'deploy/demo/incidents.json'), 'utf8')) as Array<{
    provenance: { dataset: string; id: string; translation?: string };
    filing: { title: string; description: string; occurredAt: string; developer?: string; deployer?: string; aiSystemName?: string };
  }>;
  for (const entry of demo.filter((item) => item.provenance.translation === 'zh')) {
    const originalDataset: Row['dataset'] = entry.provenance.dataset === 'AIID' ? 'AIID' : entry.provenance.dataset === 'AI Escape Log' ? 'ESCAPE' : 'OECD';
    const original = `${originalDataset}:${entry.provenance.id}`;
    const english = demo.find((item) => !item.provenance.translation && item.provenance.dataset === entry.provenance.dataset && item.provenance.id === entry.provenance.id)!;
    for (const [key, item, dataset, language] of [
      [`ZH:${entry.provenance.id}`, entry, 'ZH', 'zh'],
      [original, english, originalDataset, 'en'],
    ] as const) {
      if (rows.some((row) => row.key === key)) continue;
      rows.push({
        key,
        dataset,
        title: item.filing.title,
        description: item.filing.description,
        occurredAt: item.filing.occurredAt.slice(0, 10),
        developer: item.filing.developer ?? null,
        deployer: item.filing.deployer ?? null,
        aiSystemName: item.filing.aiSystemName ?? null,
        language,
      });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const sample = Number(process.argv[process.argv.indexOf('--sample') + 1] || 0) * (process.argv.includes('--sample') ? 1 : 0);
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)}`);
  await admin.end();
  await ensureDatabase(databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 2 } });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const rows = loadRows();
  const idOf = (key: string) => uuidv5(key, NAMESPACE);
  const keyOf = new Map(rows.map((row) => [idOf(row.key), row]));
  const started = Date.now();
  for (const row of rows) {
    await dataSource.transaction(async (manager) => {
      const incident = manager.create(IncidentEntity, {
        id: idOf(row.key),
        title: row.title,
        description: row.description,
        occurredAt: new Date(`${row.occurredAt}T00:00:00Z`),
        country: ORIGIN[row.dataset],
        language: row.language,
        sector: null,
        reportingOrganisation: row.dataset,
        aiSystemName: row.aiSystemName,
        developer: row.developer,
        deployer: row.deployer,
        harmDescription: null,
        sourceUrls: [],
        tlp: 'GREEN',
        originJurisdiction: ORIGIN[row.dataset],
        filedByKeyId: NAMESPACE,
        idempotencyKey: null,
        requestHash: '0'.repeat(64),
        proposedLabels: null,
        recipients: [],
        personalFields: [],
      });
      await manager.save(incident);
      await classifyAndStore(manager, incident, 'backfill');
    });
  }
  const stored = Date.now();
  const options = { threshold: STORE_FROM, textWindowDays: 120, maxDays: 730, sameJurisdiction: process.argv.includes('--same-jurisdiction') };
  for (const row of rows) await dataSource.transaction((manager) => correlateIncident(manager, idOf(row.key), options));
  const correlated = Date.now();
  const links = (
    await dataSource.query<Array<{ a: string; b: string; score: number; reasons: Array<{ signal: string }> }>>(
      `SELECT incident_id AS a, related_incident_id AS b, score, reasons FROM incident_links WHERE incident_id < related_incident_id ORDER BY score DESC`,
    )
  ).map((link) => ({ ...link, a: keyOf.get(link.a)!, b: keyOf.get(link.b)! }));
  const perDataset = rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.dataset]: (counts[row.dataset] ?? 0) + 1 }), {});
  console.log(`incidents: ${rows.length} ${JSON.stringify(perDataset)}; stored in ${((stored - started) / 1000).toFixed(1)} s, correlated in ${((correlated - stored) / 1000).toFixed(1)} s (${((correlated - stored) / rows.length).toFixed(1)} ms per incident)`);
  console.log('\nlinked pairs by score band and source pair');
  for (let band = 0; band < BANDS.length - 1; band += 1) {
    const inBand = links.filter((link) => link.score >= BANDS[band] && link.score < BANDS[band + 1]);
    const pairs = inBand.reduce<Record<string, number>>((counts, link) => {
      const pair = [link.a.dataset, link.b.dataset].sort().join('-');
      return { ...counts, [pair]: (counts[pair] ?? 0) + 1 };
    }, {});
    console.log(`  [${BANDS[band]}, ${Math.min(1, BANDS[band + 1])}${BANDS[band + 1] > 1 ? ']' : ')'}: ${inBand.length} ${JSON.stringify(pairs)}`);
  }
  const pairKey = (x: string, y: string) => [x, y].sort().join(' ~ ');
  const linked = new Map(links.map((link) => [pairKey(link.a.key, link.b.key), link.score]));
  const known = [
    ...rows.filter((row) => row.dataset === 'ZH').map((row) => {
      const original = rows.find((other) => other.dataset !== 'ZH' && other.key.endsWith(`:${row.key.slice(3)}`) && other.title !== row.title && other.language === 'en')!;
      return { name: 'translation', pair: pairKey(row.key, original.key) };
    }),
    ...csv('aiid_duplicates.csv').map((row) => ({ name: 'aiid-duplicate', pair: pairKey(`AIID:${row.duplicate_incident_number}`, `AIID:${row.true_incident_number}`) })),
  ];
  console.log('\nrecall on known same-event pairs (score of each, - = not linked from 0.4)');
  for (const name of ['translation', 'aiid-duplicate']) {
    const scores = known.filter((item) => item.name === name).map((item) => linked.get(item.pair));
    const at = (threshold: number) => scores.filter((score) => score !== undefined && score >= threshold).length;
    console.log(`  ${name}: ${at(0.55)}/${scores.length} at 0.55, ${at(0.5)}/${scores.length} at 0.5, ${at(0.45)}/${scores.length} at 0.45; scores ${scores.map((score) => score ?? '-').join(' ')}`);
  }
  const judgementsFile = join(repo, 'scripts/eval/labels/correlation-judgements.json');
  const judgements = existsSync(judgementsFile) ? (JSON.parse(readFileSync(judgementsFile, 'utf8')) as Record<string, { same: boolean; note?: string }>) : {};
  console.log(`\nprecision on hand-judged links (${Object.keys(judgements).length} judged; scripts/eval/labels/correlation-judgements.json)`);
  for (const threshold of [0.45, 0.5, 0.55, 0.6, 0.7]) {
    const judged = links.filter((link) => link.score >= threshold && judgements[pairKey(link.a.key, link.b.key)]);
    const same = judged.filter((link) => judgements[pairKey(link.a.key, link.b.key)].same).length;
    const total = links.filter((link) => link.score >= threshold).length;
    console.log(`  score ≥ ${threshold}: ${same}/${judged.length} judged links are the same event (${judged.length ? ((100 * same) / judged.length).toFixed(0) : '-'}%); ${total} links in all`);
  }
  if (process.argv.includes('--list')) {
    console.log('\nevery link from 0.45, with the start of both descriptions:');
    for (const link of links.filter((item) => item.score >= 0.45)) {
      const judged = judgements[pairKey(link.a.key, link.b.key)];
      console.log(JSON.stringify({ pair: pairKey(link.a.key, link.b.key), score: link.score, judged: judged?.same, signals: link.reasons.map((reason) => reason.signal), a: `${link.a.occurredAt} ${link.a.title} | ${link.a.description.slice(0, 160)} | ${link.a.developer ?? ''}/${link.a.deployer ?? ''}/${link.a.aiSystemName ?? ''}`, b: `${link.b.occurredAt} ${link.b.title} | ${link.b.description.slice(0, 160)} | ${link.b.developer ?? ''}/${link.b.deployer ?? ''}/${link.b.aiSystemName ?? ''}` }));
    }
  }
  if (sample > 0) {
    console.log(`\nunjudged links to judge (${sample} per band, deterministic order):`);
    for (let band = 0; band < BANDS.length - 1; band += 1) {
      const candidates = links
        .filter((link) => link.score >= BANDS[band] && link.score < BANDS[band + 1] && !judgements[pairKey(link.a.key, link.b.key)])
        .sort((x, y) => uuidv5(pairKey(x.a.key, x.b.key), NAMESPACE).localeCompare(uuidv5(pairKey(y.a.key, y.b.key), NAMESPACE)))
        .slice(0, sample);
      for (const link of candidates) {
        console.log(JSON.stringify({ pair: pairKey(link.a.key, link.b.key), score: link.score, signals: link.reasons.map((reason) => reason.signal), a: `${link.a.occurredAt} ${link.a.title}`, b: `${link.b.occurredAt} ${link.b.title}` }));
      }
    }
  }
  await dataSource.destroy();
}

await main();
