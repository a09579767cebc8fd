#!/usr/bin/env node
// Builds deploy/demo/incidents.json: a few hundred REAL AI incidents from the public data sets in
// <shared>/data/incidents/, each as a POST /incidents body plus its provenance.
// Deterministic: same input files -> byte-identical output (no clock, no randomness).
// Attribution, licences and every transformation are documented in deploy/demo/NOTICE.md; change both together.
//
// Usage: node scripts/demo/build-demo-dataset.mjs   (env SHARED_DIR overrides <repo>/../shared)

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DIR = process.env.SHARED_DIR ? resolve(process.env.SHARED_DIR) : resolve(REPO_DIR, '..', 'shared');
const DATA_DIR = join(SHARED_DIR, 'data', 'incidents');
const OUT_FILE = join(REPO_DIR, 'deploy', 'demo', 'incidents.json');

// Fixed, not "today", so the output never changes with the clock. Entries dated after it are skipped
// (the API rejects future dates). Raise it when the input snapshot is refreshed.
const SNAPSHOT_DATE = '2026-11-29';
const EARLIEST_DATE = '1950-01-01';

const DATASET = { AIID: 'AIID', OECD: 'OECD AIM', ESCAPE: 'AI Escape Log' };

// ---------------------------------------------------------------------------------------------
// Country codes. ISO 3166-1 alpha-2 (officially assigned codes only).
const ISO_ALPHA2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
    'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
    'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
    'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
    'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW'
  ).split(' '),
);

// Non-code spellings seen in CSET "Location Country (two letters)" -> ISO code. Anything else that is
// not a valid code makes the value unusable (the incident is then skipped unless another source agrees).
const CSET_COUNTRY_SPELLINGS = {
  UK: 'GB',
  SCOTLAND: 'GB',
  'UNITED STATES': 'US',
  FRANCE: 'FR',
  BRAZIL: 'BR',
  LIBYA: 'LY',
};

// CSETv0 "Location" free text (published rows only) -> ISO code, listed value by value.
// Deliberately absent (skipped): "Global", "Unknown", "", "Java Sea", "UK/USA" (two countries),
// "Soviet Union" (no current code), "Stanford Medical Center" (no country in the text).
const CSETV0_LOCATION = {
  'United States of America': 'US',
  'United States': 'US',
  USA: 'US',
  'Huntington Park, CA': 'US',
  'Palo Alto, CA': 'US',
  'Boston, MA': 'US',
  'Tempe, Arizona, United States of America': 'US',
  'San Francisco, CA': 'US',
  'Los Angeles, CA': 'US',
  'Robbinsville, New Jersey, United States of America': 'US',
  'Storey County, Nevada': 'US',
  'Las Vegas, NV': 'US',
  'New York, NY': 'US',
  'Washington, D.C.': 'US',
  'Cambridge, MA': 'US',
  'New York, United States of America': 'US',
  'Marina del Rey, California': 'US',
  'Mountain View, CA': 'US',
  'New York City': 'US',
  'United States (Detroit, Michigan)': 'US',
  'Broward County, Florida': 'US',
  'Houston, TX': 'US',
  'Williston, FL': 'US',
  'Silicon Valley, California': 'US',
  'New Zealand': 'NZ',
  'Lagos, Nigeria': 'NG',
  'Beitar Illit, Israel': 'IL',
  Italy: 'IT',
  'Hamburg, Germany': 'DE',
  'Jokkmokk, Sweden': 'SE',
  'United Kingdom': 'GB',
  France: 'FR',
  'London, England': 'GB',
  'Delhi, India': 'IN',
  Switzerland: 'CH',
  'Banff, Alberta': 'CA',
  Australia: 'AU',
  'Ningbo, China': 'CN',
  'Baunatal, Germany': 'DE',
  'Inverness, Scotland, UK': 'GB',
  Vietnam: 'VN',
  'Buenos Aires, Argentina, CONARC, Consulta Nacional de Rebeldías y Capturas': 'AR',
  Ireland: 'IE',
  Netherlands: 'NL',
  China: 'CN',
  'Edinburgh, Scotland': 'GB',
  Scotland: 'GB',
  'Manesar, India': 'IN',
};

// Gazetteer for OECD AIM title+summary text (the export's own `country` column is empty in every row).
// Case-sensitive whole-word match; longer names are matched first and blanked so "New Mexico" never
// also counts as "Mexico". Ambiguous words are left out on purpose: "Georgia" (country or US state),
// "America"/"American" (the Americas), "Korea"/"Korean" (North or South), "Phoenix" (also a TV channel),
// "English"/"Spanish" (languages).
const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah',
  'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
];
const GAZETTEER = {
  US: [
    'United States', 'U.S.', 'US', 'USA', ...US_STATES, 'Los Angeles', 'San Francisco', 'Chicago', 'Las Vegas',
    'Detroit', 'Philadelphia', 'Houston', 'San Antonio', 'Seattle', 'Silicon Valley', 'Santa Monica', 'Altadena',
    // US-only federal bodies: an incident they investigate or recall happened on US soil or market.
    'NHTSA', 'National Highway Traffic Safety Administration', 'NTSB', 'FDA',
  ],
  CN: ['China', 'Chinese', 'Beijing', 'Shanghai', 'Wuhan', 'Shenzhen', 'Hangzhou', 'Nanjing', 'Guangzhou', 'Zhejiang', 'Hubei', 'Huzhou', 'Chongqing'],
  UA: ['Ukraine', 'Ukrainian', 'Ukrainians', 'Kyiv', 'Kharkiv', 'Zaporizhzhia', 'Odesa', 'Sumy'],
  RU: ['Russia', 'Russian', 'Russians', 'Moscow', 'Kursk'],
  IL: ['Israel', 'Israeli', 'Tel Aviv'],
  PS: ['Gaza', 'Palestine', 'Palestinian', 'Palestinians', 'West Bank'],
  LB: ['Lebanon', 'Lebanese', 'Beirut'],
  IR: ['Iran', 'Iranian'],
  IN: ['India', 'Indian', 'Delhi', 'New Delhi', 'Mumbai', 'Bareilly', 'Uttar Pradesh'],
  PK: ['Pakistan', 'Pakistani'],
  GB: ['United Kingdom', 'UK', 'Britain', 'British', 'England', 'Scotland', 'Wales', 'London'],
  FR: ['France', 'French', 'Paris'],
  DE: ['Germany', 'German', 'Berlin'],
  ES: ['Spain', 'Madrid', 'Barcelona', 'Catalonia'],
  IT: ['Italy', 'Italian', 'Rome'],
  NL: ['Netherlands', 'Dutch'],
  BE: ['Belgium', 'Belgian'],
  CZ: ['Czech Republic', 'Czechia', 'Czech'],
  PL: ['Poland', 'Polish'],
  AL: ['Albania', 'Albanian'],
  TR: ['Turkey', 'Türkiye', 'Turkish'],
  JP: ['Japan', 'Japanese', 'Tokyo'],
  KR: ['South Korea', 'South Korean', 'Seoul'],
  KP: ['North Korea', 'North Korean'],
  TW: ['Taiwan', 'Taiwanese', 'Taipei'],
  HK: ['Hong Kong'],
  ID: ['Indonesia', 'Indonesian', 'Jakarta', 'East Java'],
  AU: ['Australia', 'Australian', 'New South Wales'],
  NZ: ['New Zealand'],
  CA: ['Canada', 'Canadian'],
  MX: ['Mexico', 'Mexican'],
  BR: ['Brazil', 'Brazilian'],
  CO: ['Colombia', 'Colombian'],
  ZA: ['South Africa', 'South African', 'Cape Town'],
  NG: ['Nigeria', 'Nigerian'],
  KE: ['Kenya', 'Kenyan'],
  ET: ['Ethiopia', 'Ethiopian', 'Tigray'],
  SD: ['Sudan', 'Sudanese'],
  SY: ['Syria', 'Syrian'],
  YE: ['Yemen', 'Yemeni'],
  LY: ['Libya', 'Libyan'],
  SG: ['Singapore'],
  PH: ['Philippines', 'Filipino'],
  VN: ['Vietnam', 'Vietnamese'],
  TH: ['Thailand', 'Thai'],
  MY: ['Malaysia', 'Malaysian'],
  SA: ['Saudi Arabia', 'Saudi'],
  AE: ['United Arab Emirates', 'UAE', 'Dubai'],
};
// OECD entries whose single named country a reading showed to be misleading (the event is
// worldwide, or several unrelated events share one entry). id -> reason; the entry is skipped.
const OECD_EXCLUDED = {
  '2024-06-21-aea8': 'three unrelated allegations (EU data complaints, photo labels, Gaza); only Gaza is a place',
  '2024-12-11-d099': 'worldwide outage combined with an unrelated death',
  '2025-02-26-e170': 'employees fired at Microsoft (US) over contracts with the Israeli military; place of the event unclear',
  '2025-07-03-ab89': 'drone harm "worldwide"; Colombia is one example among several conflicts',
};

// AI Escape Log: country per entry id, hand-checked against the entry's own fields. The rule: the
// jurisdiction named in the entry (a government body, the target, a lab marked "(China)") or else the
// headquarters country of the single lab / vendor whose system or service the event concerns, when
// every named organisation shares it. Entries absent here are skipped: open-source libraries with no
// single vendor, "N/A" actors with no stated jurisdiction, organisations in different countries.
const ESCAPE_LOG_COUNTRY = {
  '2026-08-22-guidelight-containment-assessment': ['US', 'all five assessed labs (OpenAI, Anthropic, Google, Meta, xAI) are US-headquartered'],
  '2026-08-20-grok-cryptographic-context-injection': ['US', 'xAI and Google, both US-headquartered'],
  '2026-08-19-mlflow-ssrf-kev': ['US', 'exploitation confirmed by CISA (US) with a US federal remediation deadline'],
  '2026-08-18-openai-training-pause': ['US', 'OpenAI (US) internal training pause'],
  '2026-08-17-ray-shadowray2-rce-kev': ['US', 'exploitation confirmed by CISA (US) with a US federal remediation deadline'],
  '2026-08-14-zai-glm53-nears-mythos5': ['CN', 'entry names "Z.ai / Zhipu AI (China)"'],
  '2026-08-13-anthropic-multiagent-turf-war': ['US', 'Anthropic (US) lab-internal red-team study'],
  '2026-08-12-taiwan-autonomous-ai-cyberattack': ['TW', 'target was the Taiwan government; confirmed by Taiwan MODA'],
  '2026-08-10-kimi-k3-escape-analysis': ['CN', 'entry names "Moonshot AI (China)"'],
  '2026-08-07-moonshot-kimi-k3-sandbox-escape': ['CN', 'entry names "Moonshot AI (China)"'],
  '2026-08-07-openai-astra-critical-flag': ['US', 'OpenAI (US) unreleased model'],
  '2026-08-06-microsoft-copilot-chatmate-sandbox-escape': ['US', 'Microsoft (US) operated service, patched by Microsoft'],
  '2026-08-05-meta-model-hacked-company': ['US', 'Meta (US) model under evaluation'],
  '2026-08-04-aisi-unsanctioned-agents': ['GB', 'testing run and reported by the UK AI Security Institute (aisi.gov.uk)'],
  '2026-08-04-langflow-cve-2026-9198-rce': ['US', 'exploitation confirmed by CISA (US) with a US federal remediation deadline'],
  '2026-08-03-us-voluntary-safety-tests': ['US', 'US White House framework'],
  '2026-08-openai-two-more-rogue-agents': ['US', 'OpenAI and Anthropic, both US-headquartered'],
  '2026-anthropic-fable5-whitehouse-disable': ['US', 'US White House directive to Anthropic (US)'],
  '2026-08-openai-agents-message-board': ['US', 'OpenAI (US) agents'],
  '2026-07-31-openai-widened-escape-probe': ['US', 'OpenAI (US) internal probe'],
  '2026-07-31-openai-preparedness-team-disbanded': ['US', 'OpenAI (US) organisational change'],
  '2026-07-30-anthropic-three-organizations': ['US', 'Anthropic (US) models under evaluation'],
  '2026-07-29-openai-rogue-agent-extra-services': ['US', 'OpenAI (US) agent'],
  '2026-07-28-openai-hf-postmortem': ['US', 'OpenAI (US) agent'],
  '2026-07-23-ai-kill-switch-act': ['US', 'US House of Representatives bill'],
  '2026-07-21-openai-gpt56sol-huggingface': ['US', 'OpenAI (US) models under evaluation'],
  '2026-04-anthropic-claude-mythos': ['US', 'Anthropic (US) withheld model'],
  '2026-03-18-snowflake-cortex-sandbox-escape': ['US', 'Snowflake (US) operated agent service, vendor patched'],
};

// ---------------------------------------------------------------------------------------------
// Sector (the API's enum). Only from a real classification field; no keyword guessing.
// GMF "Known AI Goal" (more specific) wins over CSET "Sector of Deployment".
const GMF_GOAL_SECTOR = { 'Autonomous Driving': 'autonomous_driving', 'Face Recognition': 'biometrics' };
// CSET "Sector of Deployment" (ISIC-based) values -> enum. Listed longest first because several
// values contain commas; a multi-valued cell takes the sector listed first.
const CSET_SECTOR = [
  ['administrative and support service activities', 'other'],
  ['professional, scientific and technical activities', 'other'],
  ['Arts, entertainment and recreation', 'media'],
  ['human health and social work activities', 'healthcare'],
  ['accommodation and food service activities', 'other'],
  ['financial and insurance activities', 'finance'],
  ['information and communication', 'media'],
  ['transportation and storage', 'transport'],
  ['wholesale and retail trade', 'e_commerce'],
  ['other service activities', 'other'],
  ['real estate activities', 'other'],
  ['public administration', 'public_services'],
  ['law enforcement', 'public_services'],
  ['manufacturing', 'industry'],
  ['Education', 'education'],
  ['defense', 'military'],
  ['other', 'other'],
];

// TLP 2.0 marking, by the first 32 bits of sha256("<dataset>|<id>") mod 100:
// 0-44 GREEN, 45-79 CLEAR, 80-93 AMBER, 94-96 AMBER+STRICT, 97-99 RED. Documented in NOTICE.md.
function tlpFor(dataset, id) {
  const bucket = createHash('sha256').update(`${dataset}|${id}`).digest().readUInt32BE(0) % 100;
  if (bucket < 45) return 'GREEN';
  if (bucket < 80) return 'CLEAR';
  if (bucket < 94) return 'AMBER';
  if (bucket < 97) return 'AMBER+STRICT';
  return 'RED';
}

// Slug words that title-casing would spell wrongly.
const NAME_OVERRIDES = {
  openai: 'OpenAI', xai: 'xAI', youtube: 'YouTube', tiktok: 'TikTok', 'character.ai': 'Character.AI',
  'x-(twitter)': 'X (Twitter)', chatgpt: 'ChatGPT', shotspotter: 'ShotSpotter', eleutherai: 'EleutherAI',
  elevenlabs: 'ElevenLabs', laion: 'LAION', "mcdonald's": "McDonald's", deepmind: 'DeepMind', linkedin: 'LinkedIn',
  deepseek: 'DeepSeek', github: 'GitHub', bytedance: 'ByteDance', hirevue: 'HireVue', faceapp: 'FaceApp',
  fireeye: 'FireEye', pimeyes: 'PimEyes', predpol: 'PredPol', proctoru: 'ProctorU', narxcare: 'NarxCare',
  navihealth: 'naviHealth', uipath: 'UiPath', examsoft: 'ExamSoft', anyvision: 'AnyVision', sensetime: 'SenseTime',
  interrai: 'interRAI', dataworks: 'DataWorks', 'msn.com': 'MSN.com', mcd: 'McD', aandm: 'A&M', userway: 'UserWay',
  faceid: 'Face ID', iphone: 'iPhone', schufa: 'SCHUFA',
};
// Short words that are acronyms in the AIID slugs seen so far.
const WORD_OVERRIDES = Object.fromEntries(
  ['ai', 'us', 'uk', 'usa', 'nhs', 'nyc', 'lapd', 'nypd', 'dc', 'kfc', 'dpd', 'ets', 'eab', 'mit', 'usc', 'sas', 'stm', 'ag', 'kzn', 'sn', 'skh', 'ibm', 'bmw', 'ucla', 'cbp', 'ice', 'fbi', 'irs', 'dhs', 'hud']
    .map((w) => [w, w.toUpperCase()]),
);
const SMALL_WORDS = new Set(['of', 'and', 'the', 'in', 'for', 'on', 'by', 'to']);

/** "keolis-north-america" -> "Keolis North America"; explicit overrides for brand spellings. */
function prettifySlug(slug) {
  if (NAME_OVERRIDES[slug]) return NAME_OVERRIDES[slug];
  return slug
    .split('-')
    .filter(Boolean)
    .map((w, i) => WORD_OVERRIDES[w] ?? NAME_OVERRIDES[w] ?? (i > 0 && SMALL_WORDS.has(w) ? w : cap(w)))
    .map((w) => w.replace(/\((\w)/g, (_, c) => `(${c.toUpperCase()}`))
    .join(' ');
}
function cap(w) {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
// AIID placeholders that name no one; dropped from developer/deployer lists.
const PLACEHOLDER_SLUGS = new Set(['unknown', 'none', 'unnamed']);

/** Joins names with ", " within `max` characters; overflow becomes " and N more". */
function joinNames(names, max) {
  const out = [];
  for (let i = 0; i < names.length; i++) {
    const rest = names.length - i - 1;
    const candidate = [...out, names[i]].join(', ') + (rest > 0 ? ` and ${rest} more` : '');
    if (candidate.length > max) {
      const remaining = names.length - out.length;
      return out.length ? `${out.join(', ')} and ${remaining} more` : undefined;
    }
    out.push(names[i]);
  }
  return out.length ? out.join(', ') : undefined;
}

function parseSlugList(text) {
  if (!text || !text.trim()) return [];
  const list = JSON.parse(text);
  return Array.isArray(list) ? list.filter((s) => typeof s === 'string' && s.trim()) : [];
}

function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

function readCsv(name) {
  return parse(readFileSync(join(DATA_DIR, name)), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
}

// ---------------------------------------------------------------------------------------------
// AIID country: (1) the published CSETv1 consensus row; else (2) every CSETv1 annotator / unpublished
// row that has a usable value, only when they all agree; else (3) the published CSETv0 "Location"
// via CSETV0_LOCATION. Disagreement or no value -> no country (incident skipped).
function normaliseCsetCountry(raw) {
  const v = (raw ?? '').trim().toUpperCase();
  if (!v) return undefined;
  if (CSET_COUNTRY_SPELLINGS[v]) return CSET_COUNTRY_SPELLINGS[v];
  return ISO_ALPHA2.has(v) ? v : undefined;
}

function firstCsetSector(raw) {
  const rest = (raw ?? '').trim();
  if (!rest) return undefined;
  for (const [label, sector] of CSET_SECTOR) {
    if (rest.toLowerCase().startsWith(label.toLowerCase())) return sector;
  }
  return undefined;
}

function buildAiid(stats) {
  const incidents = readCsv('aiid_incidents.csv');
  const duplicates = new Set(readCsv('aiid_duplicates.csv').map((r) => r.duplicate_incident_number.trim()));
  const v1 = readCsv('aiid_classifications_CSETv1.csv');
  const annotators = [1, 2, 3].flatMap((n) => readCsv(`aiid_classifications_CSETv1_Annotator-${n}.csv`));
  const v0 = readCsv('aiid_classifications_CSETv0.csv');
  const gmf = readCsv('aiid_classifications_GMF.csv');

  const consensus = new Map(); // id -> {country, sector, livesLost, injuries}
  const candidates = new Map(); // id -> [{country, sector}]
  for (const row of v1) {
    const id = row['Incident ID'].trim();
    const rec = {
      country: normaliseCsetCountry(row['Location Country (two letters)']),
      sector: firstCsetSector(row['Sector of Deployment']),
      livesLost: Number.parseInt(row['Lives Lost'], 10) || 0,
      injuries: Number.parseInt(row.Injuries, 10) || 0,
    };
    if (row.Published === 'True' && rec.country) consensus.set(id, rec);
    else (candidates.get(id) ?? candidates.set(id, []).get(id)).push(rec);
  }
  for (const row of annotators) {
    const id = row['Incident ID'].trim();
    const rec = { country: normaliseCsetCountry(row['Location Country (two letters)']), sector: firstCsetSector(row['Sector of Deployment']) };
    (candidates.get(id) ?? candidates.set(id, []).get(id)).push(rec);
  }
  const v0ById = new Map();
  for (const row of v0) {
    if (row.Published !== 'True') continue;
    v0ById.set(row['Incident ID'].trim(), {
      country: CSETV0_LOCATION[row.Location.trim()],
      sector: firstCsetSector(row['Sector of Deployment']),
    });
  }
  const gmfSector = new Map();
  for (const row of gmf) {
    const goals = row['Known AI Goal'].split(',').map((g) => g.trim());
    const hit = goals.map((g) => GMF_GOAL_SECTOR[g]).find(Boolean);
    if (hit) gmfSector.set(row['Incident ID'].trim(), hit);
  }

  const out = [];
  for (const row of incidents) {
    const id = row.incident_id.trim();
    if (duplicates.has(id)) {
      stats.skip('AIID: listed as duplicate');
      continue;
    }
    let derived;
    let how;
    if (consensus.has(id)) {
      derived = consensus.get(id);
      how = 'CSETv1';
    } else {
      const usable = (candidates.get(id) ?? []).filter((c) => c.country);
      const codes = new Set(usable.map((c) => c.country));
      if (codes.size === 1) {
        derived = usable[0];
        how = 'CSETv1 annotators';
      } else if (codes.size > 1) {
        stats.skip('AIID: CSET annotators disagree on country');
        continue;
      } else if (v0ById.get(id)?.country) {
        derived = v0ById.get(id);
        how = 'CSETv0 Location';
      }
    }
    if (!derived) {
      stats.skip('AIID: no CSET country');
      continue;
    }
    stats.countryHow(`AIID via ${how}`);
    const date = row.date.trim();
    if (!validDate(date)) {
      stats.skip('AIID: date out of range');
      continue;
    }
    const named = (col) => parseSlugList(row[col]).filter((slug) => !PLACEHOLDER_SLUGS.has(slug)).map(prettifySlug);
    const developers = named('Alleged developer of AI system');
    const deployers = named('Alleged deployer of AI system');
    const harmed = parseSlugList(row['Alleged harmed or nearly harmed parties']).map(prettifySlug);
    const harmParts = [];
    if (harmed.length) harmParts.push(`Alleged harmed or nearly harmed parties: ${harmed.join(', ')}.`);
    if (derived.livesLost) harmParts.push(`Lives lost (CSET): ${derived.livesLost}.`);
    if (derived.injuries) harmParts.push(`Injuries (CSET): ${derived.injuries}.`);
    const sector = gmfSector.get(id) ?? derived.sector;
    out.push({
      provenance: { dataset: DATASET.AIID, id, url: `https://incidentdatabase.ai/cite/${id}/` },
      filing: filing({
        title: row.title.trim(),
        description: row.description.trim(),
        occurredAt: date,
        country: derived.country,
        sector,
        developer: joinNames(developers, 200),
        deployer: joinNames(deployers, 200),
        harmDescription: harmParts.length ? truncate(harmParts.join(' '), 5000) : undefined,
        sourceUrls: [`https://incidentdatabase.ai/cite/${id}/`],
        tlp: tlpFor(DATASET.AIID, id),
      }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const GAZETTEER_ENTRIES = Object.entries(GAZETTEER)
  .flatMap(([code, names]) => names.map((name) => ({ code, name, re: new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?![\\w])`, 'g') })))
  .sort((a, b) => b.name.length - a.name.length || a.name.localeCompare(b.name));

/** Countries named in `text` (see GAZETTEER); returns the set of codes. */
function countriesNamedIn(text) {
  let rest = text;
  const codes = new Set();
  for (const { code, re } of GAZETTEER_ENTRIES) {
    re.lastIndex = 0;
    if (re.test(rest)) {
      codes.add(code);
      rest = rest.replace(re, ' ');
    }
  }
  return codes;
}

function buildOecd(stats) {
  const rows = readCsv('oecd_aim_fatal_incidents.csv');
  const out = [];
  for (const row of rows) {
    const id = row.id.trim();
    if (OECD_EXCLUDED[id]) {
      stats.skip('OECD: excluded after reading');
      continue;
    }
    let country = normaliseCsetCountry(row.country);
    let how = 'country column';
    if (!country) {
      const codes = countriesNamedIn(`${row.title}\n${row.summary}`);
      if (codes.size !== 1) {
        stats.skip(codes.size ? 'OECD: several countries named' : 'OECD: no country named');
        continue;
      }
      country = [...codes][0];
      how = 'single country named in title/summary';
    }
    stats.countryHow(`OECD via ${how}`);
    const date = row.date.trim();
    if (!validDate(date)) {
      stats.skip('OECD: date out of range');
      continue;
    }
    const companies = row.companies.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
    out.push({
      provenance: { dataset: DATASET.OECD, id, url: `https://oecd.ai/en/incidents/${id}` },
      filing: filing({
        title: row.title.trim(),
        description: row.summary.trim(),
        occurredAt: date,
        country,
        developer: joinNames(companies, 200),
        sourceUrls: [`https://oecd.ai/en/incidents/${id}`],
        tlp: tlpFor(DATASET.OECD, id),
      }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
function isNotApplicable(s) {
  return !s || /^N\/A\b/.test(s.trim());
}

function buildEscapeLog(stats) {
  const rows = readCsv('ai_escape_log_incidents.csv');
  const out = [];
  for (const row of rows) {
    const id = row.id.trim();
    const entry = ESCAPE_LOG_COUNTRY[id];
    if (!entry) {
      stats.skip('Escape Log: no determinable country');
      continue;
    }
    stats.countryHow('AI Escape Log via per-entry table');
    const date = row.date.trim();
    if (!validDate(date)) {
      stats.skip('Escape Log: date out of range');
      continue;
    }
    const status = row.status.trim();
    const description = `${row.summary.trim()}${status ? `\n\nStatus (per the log): ${status}` : ''}`;
    const urls = /^https:\/\//.test(row.url.trim()) ? [row.url.trim()] : [];
    if (!urls.length) {
      stats.skip('Escape Log: no https source');
      continue;
    }
    out.push({
      provenance: { dataset: DATASET.ESCAPE, id, url: row.url.trim() },
      filing: filing({
        title: truncate(row.title.trim(), 300),
        description: truncate(description, 10000),
        occurredAt: date,
        country: entry[0],
        aiSystemName: isNotApplicable(row.model) ? undefined : truncate(row.model.trim(), 200),
        // "Ray (Anyscale) — AI/ML compute infrastructure": keep the organisation, drop the gloss.
        developer: isNotApplicable(row.lab) ? undefined : truncate(row.lab.split(' — ')[0].trim(), 200),
        sourceUrls: urls,
        tlp: tlpFor(DATASET.ESCAPE, id),
      }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
function validDate(date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return false;
  return date >= EARLIEST_DATE && date <= SNAPSHOT_DATE;
}

/** Assembles a POST /incidents body in a fixed key order, dropping absent optional fields. */
function filing(f) {
  const body = {
    title: f.title,
    description: f.description,
    occurredAt: f.occurredAt,
    country: f.country,
    language: 'en',
    sector: f.sector,
    reportingOrganisation: `Demo AI incident desk (${f.country})`,
    aiSystemName: f.aiSystemName,
    developer: f.developer,
    deployer: f.deployer,
    harmDescription: f.harmDescription,
    sourceUrls: f.sourceUrls,
    tlp: f.tlp,
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body;
}

const SECTORS = new Set(['biometrics', 'autonomous_driving', 'healthcare', 'finance', 'industry', 'education', 'e_commerce', 'transport', 'public_services', 'military', 'media', 'other']);
const TLPS = new Set(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);

/** Throws if a filing breaks the POST /incidents DTO bounds (mirrors the API's validation). */
function assertValidFiling(entry) {
  const f = entry.filing;
  const where = `${entry.provenance.dataset} ${entry.provenance.id}`;
  const fail = (msg) => {
    throw new Error(`${where}: ${msg}`);
  };
  const str = (k, min, max, required) => {
    if (f[k] === undefined) return required ? fail(`${k} missing`) : undefined;
    if (typeof f[k] !== 'string' || f[k].length < min || f[k].length > max) fail(`${k} length ${f[k]?.length} not in ${min}..${max}`);
  };
  str('title', 1, 300, true);
  str('description', 1, 10000, true);
  str('reportingOrganisation', 1, 200, true);
  str('aiSystemName', 1, 200, false);
  str('developer', 1, 200, false);
  str('deployer', 1, 200, false);
  str('harmDescription', 1, 5000, false);
  if (!validDate(f.occurredAt)) fail(`occurredAt ${f.occurredAt}`);
  if (!ISO_ALPHA2.has(f.country)) fail(`country ${f.country}`);
  if (f.language !== (entry.provenance.translation ?? 'en')) fail('language');
  if (f.sector !== undefined && !SECTORS.has(f.sector)) fail(`sector ${f.sector}`);
  if (!TLPS.has(f.tlp)) fail(`tlp ${f.tlp}`);
  if (!Array.isArray(f.sourceUrls) || f.sourceUrls.length < 1 || f.sourceUrls.length > 20) fail('sourceUrls count');
  for (const u of f.sourceUrls) if (new URL(u).protocol !== 'https:') fail(`sourceUrl ${u}`);
}

const TRANSLATIONS_FILE = join(REPO_DIR, 'scripts', 'eval', 'labels', 'chinese-translations.json');
const TRANSLATION_PREFIX = { aiid: DATASET.AIID, oecd: DATASET.OECD, esc: DATASET.ESCAPE };

/**
 * Simplified Chinese filings: the project's own translations (scripts/eval/labels/chinese-translations.json, see
 * LABELLING.md) of incidents that are in the demo set, filed as separate incidents with the original's date,
 * country, sector, TLP and links, `language: 'zh'`, and `provenance.translation: 'zh'`. Translations of incidents
 * not in the demo set are left out (their other fields would have to be rebuilt from the source).
 */
function buildChineseTranslations(entries) {
  const byKey = new Map(entries.map((entry) => [`${entry.provenance.dataset}|${entry.provenance.id}`, entry]));
  const translations = JSON.parse(readFileSync(TRANSLATIONS_FILE, 'utf8'));
  const out = [];
  for (const translation of translations) {
    const [prefix, ...rest] = translation.translationOf.split(':');
    const original = byKey.get(`${TRANSLATION_PREFIX[prefix]}|${rest.join(':')}`);
    if (!original || translation.language !== 'zh') continue;
    const { harmDescription: _english, ...filing } = original.filing;
    out.push({
      provenance: { ...original.provenance, translation: 'zh', translatedBy: 'AI Risk Single Window project (own translation)' },
      filing: { ...filing, title: truncate(translation.title, 300), description: truncate(translation.description, 10000), language: 'zh' },
    });
  }
  return out;
}

function makeStats() {
  const skipped = new Map();
  const how = new Map();
  const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  return { skipped, how, skip: (k) => bump(skipped, k), countryHow: (k) => bump(how, k) };
}

function tally(entries, key) {
  const m = new Map();
  for (const e of entries) {
    const k = key(e) ?? '(none)';
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

function compareIds(a, b) {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function main() {
  const stats = makeStats();
  const originals = [...buildAiid(stats), ...buildOecd(stats), ...buildEscapeLog(stats)];
  const entries = [...originals, ...buildChineseTranslations(originals)];
  // Stable order: date, then data set, then the source's own id.
  entries.sort(
    (a, b) =>
      (a.filing.occurredAt < b.filing.occurredAt ? -1 : a.filing.occurredAt > b.filing.occurredAt ? 1 : 0) ||
      (a.provenance.dataset < b.provenance.dataset ? -1 : a.provenance.dataset > b.provenance.dataset ? 1 : 0) ||
      compareIds(a.provenance.id, b.provenance.id) ||
      (a.filing.language < b.filing.language ? -1 : a.filing.language > b.filing.language ? 1 : 0),
  );
  entries.forEach(assertValidFiling);
  if (entries.length < 300 || entries.length > 400) throw new Error(`expected 300..400 entries, got ${entries.length}`);

  const json = `${JSON.stringify(entries, null, 2)}\n`;
  if (Buffer.byteLength(json) > 1.5 * 1024 * 1024) throw new Error(`output too large: ${Buffer.byteLength(json)} bytes`);
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, json);

  const line = (rows) => rows.map(([k, v]) => `${k}=${v}`).join('  ');
  console.log(`wrote ${entries.length} incidents, ${Buffer.byteLength(json)} bytes -> ${OUT_FILE}`);
  console.log(`per dataset:  ${line(tally(entries, (e) => e.provenance.dataset))}`);
  console.log(`country via:  ${line([...stats.how].sort())}`);
  console.log(`countries (${tally(entries, (e) => e.filing.country).length}): ${line(tally(entries, (e) => e.filing.country))}`);
  console.log(`per TLP:      ${line(tally(entries, (e) => e.filing.tlp))}`);
  console.log(`per sector:   ${line(tally(entries, (e) => e.filing.sector))}`);
  const years = tally(entries, (e) => e.filing.occurredAt.slice(0, 4)).sort((a, b) => a[0].localeCompare(b[0]));
  console.log(`per year:     ${line(years)}`);
  console.log(`skipped:      ${line([...stats.skipped].sort())}`);
}

main();
