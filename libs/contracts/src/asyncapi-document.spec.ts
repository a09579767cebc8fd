import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { ACKNOWLEDGEMENT_EVENT_V1_SCHEMA } from './schemas/acknowledgement-v1.schema.js';
import { ALERT_EVENT_V1_SCHEMA } from './schemas/alert-v1.schema.js';
import { SURGE_ALERT_EVENT_V1_SCHEMA } from './schemas/surge-alert-v1.schema.js';
import { EventTypes } from './event-types.js';
import { incidentEventsTopic, partnerAcksTopic, partnerAlertsTopic } from './topics.js';

/** docs/asyncapi.yaml is valid AsyncAPI 3.0 and names the topics, types and schema the code uses. */
describe('docs/asyncapi.yaml', () => {
  const text = readFileSync(join(process.cwd(), 'docs/asyncapi.yaml'), 'utf8');

  it('parses with the official AsyncAPI parser without errors', async () => {
    const { document, diagnostics } = await new Parser().parse(text);
    expect(diagnostics.filter((diagnostic) => Number(diagnostic.severity) === Number(DiagnosticSeverity.Error)).map((diagnostic) => diagnostic.message)).toEqual([]);
    expect(document?.channels().all().map((channel) => channel.address())).toEqual([
      incidentEventsTopic('{prefix}'),
      partnerAlertsTopic('{prefix}', '{partnerSlug}'),
      partnerAcksTopic('{prefix}', '{partnerSlug}'),
    ]);
  });

  it('mentions every event type and the alert, surge alert and acknowledgement schema ids', () => {
    for (const type of Object.values(EventTypes)) expect(text).toContain(type);
    expect(text).toContain(ALERT_EVENT_V1_SCHEMA.$id);
    expect(text).toContain(SURGE_ALERT_EVENT_V1_SCHEMA.$id);
    expect(text).toContain(ACKNOWLEDGEMENT_EVENT_V1_SCHEMA.$id);
  });
});
