import { Controller, Get, Header, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../../auth/auth.decorators.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { phoneRegions, redactFields } from '../../../redaction/redact-incident.js';
import type { RedactionCounts, RedactionOptions } from '../../../redaction/redact-text.js';
import { redactionOptions } from '../../../redaction/redaction-options.js';
import { ListPublicAlertsRequestDto } from './list-public-alerts.request.dto.js';

/**
 * One entry of the public feed: a TLP:CLEAR incident, redacted. Left out: the filing organisation and key, the harm
 * description and source links (they may name or point to persons), and everything about partners and deliveries.
 * The rest is redacted as alerts are (src/redaction): contact data, national ids, fields the filer marked personal.
 */
export interface PublicAlert {
  id: string;
  version: number;
  title: string;
  description: string;
  occurredAt: string;
  country: string;
  language: string;
  sector: string | null;
  aiSystemName: string | null;
  developer: string | null;
  deployer: string | null;
  tlp: 'CLEAR';
  classification: { mechanism: string; magnitude: string; source: string; urgency: string | null; severity: string | null };
  updatedAt: string;
  /** What was redacted from this entry (counts per kind, never the values); `{}` when nothing. */
  redactions: RedactionCounts;
}

interface Cursor {
  updatedAt: string;
  id: string;
}

const encode = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decode(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    // The form `nextCursor` writes (Date#toISOString, a four-digit year): an expanded year such as +010000 parses in
    // JavaScript but is out of PostgreSQL's range.
    if (
      typeof parsed.updatedAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(parsed.updatedAt) && !Number.isNaN(Date.parse(parsed.updatedAt)) &&
      typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/.test(parsed.id)
    ) {
      return { updatedAt: parsed.updatedAt, id: parsed.id };
    }
  } catch {
    // fall through to the validation error
  }
  throw new RequestValidationError([{ field: 'after', messages: ['after must be a cursor returned as `nextCursor`'] }]);
}

@ApiTags('public')
@Public()
@Controller('public')
export class ListPublicAlertsHttpController {
  private readonly redaction: RedactionOptions;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    this.redaction = redactionOptions(config);
  }

  /**
   * The public feed: active incidents marked TLP:CLEAR (TLP 2.0: "may be distributed without restriction"), redacted,
   * newest change first. AMBER, AMBER+STRICT, GREEN and RED never appear, nor a foreign incident (docs/federation.md)
   * whose originator did not allow onward sharing. No authentication. Keyset pagination:
   * pass `nextCursor` as `after`; every entry appears exactly once while the feed does not change.
   */
  @Get('alerts')
  @Header('Cache-Control', 'public, max-age=60')
  async list(@Query() query: ListPublicAlertsRequestDto): Promise<{ items: PublicAlert[]; nextCursor: string | null }> {
    const cursor = query.after ? decode(query.after) : null;
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        version: number;
        title: string;
        description: string;
        occurred_at: Date;
        country: string;
        origin_jurisdiction: string;
        language: string;
        sector: string | null;
        ai_system_name: string | null;
        developer: string | null;
        deployer: string | null;
        personal_fields: string[];
        updated_at: Date;
        mechanism: string;
        magnitude: string;
        source: string;
        urgency: string | null;
        severity: string | null;
      }>
    >(
      `SELECT i.id, i.version, i.title, i.description, i.occurred_at, i.country, i.origin_jurisdiction, i.language, i.sector, i.ai_system_name,
              i.developer, i.deployer, i.personal_fields, i.updated_at, c.mechanism, c.magnitude, c.source,
              c.result->'urgency'->>'label' AS urgency, c.result->'severity'->>'label' AS severity
         FROM incidents i
         JOIN LATERAL (SELECT mechanism, magnitude, source, result FROM incident_classifications
                        WHERE incident_id = i.id ORDER BY classified_at DESC LIMIT 1) c ON true
        WHERE i.tlp = 'CLEAR' AND i.status = 'active'
          -- a foreign incident is published only when its originator allowed onward sharing (src/federation/onward-sharing.ts)
          AND (i.onward_sharing OR NOT EXISTS (SELECT 1 FROM foreign_incidents f WHERE f.incident_id = i.id))
          AND ($1::timestamptz IS NULL OR (i.updated_at, i.id) < ($1::timestamptz, $2::uuid))
        ORDER BY i.updated_at DESC, i.id DESC
        LIMIT $3`,
      [cursor?.updatedAt ?? null, cursor?.id ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const items = page.map((row): PublicAlert => {
      const { fields, redactions } = redactFields(
        { title: row.title, description: row.description, aiSystemName: row.ai_system_name, developer: row.developer, deployer: row.deployer },
        row.personal_fields,
        this.redaction,
        phoneRegions({ country: row.country, originJurisdiction: row.origin_jurisdiction, language: row.language }),
      );
      return {
        id: row.id,
        version: row.version,
        title: fields.title,
        description: fields.description,
        occurredAt: row.occurred_at.toISOString(),
        country: row.country,
        language: row.language,
        sector: row.sector,
        aiSystemName: fields.aiSystemName,
        developer: fields.developer,
        deployer: fields.deployer,
        tlp: 'CLEAR' as const,
        classification: { mechanism: row.mechanism, magnitude: row.magnitude, source: row.source, urgency: row.urgency, severity: row.severity },
        updatedAt: row.updated_at.toISOString(),
        redactions,
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encode({ updatedAt: last.updated_at.toISOString(), id: last.id }) : null };
  }
}
