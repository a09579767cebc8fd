import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ACKNOWLEDGEMENT_EVENT_V1_SCHEMA, ALERT_EVENT_V1_SCHEMA, SURGE_ALERT_EVENT_V1_SCHEMA } from '@app/contracts';
import { Public } from '../../../auth/auth.decorators.js';

@ApiTags('keys')
@Public()
@Controller('schemas')
export class GetAlertSchemaHttpController {
  /**
   * JSON Schema (draft 2020-12) of the alert CloudEvent, `dataschema` of every `org.aisw.alert.v1` event. Public,
   * like the JWK set: partners need both to validate and verify alerts. Cacheable for a day.
   */
  @Get('alert/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  alertV1(): typeof ALERT_EVENT_V1_SCHEMA {
    return ALERT_EVENT_V1_SCHEMA;
  }

  /** JSON Schema (draft 2020-12) of the acknowledgement CloudEvent partners produce to their acknowledgement topic. */
  @Get('acknowledgement/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  acknowledgementV1(): typeof ACKNOWLEDGEMENT_EVENT_V1_SCHEMA {
    return ACKNOWLEDGEMENT_EVENT_V1_SCHEMA;
  }

  /** JSON Schema (draft 2020-12) of the surge alert CloudEvent, `dataschema` of every `org.aisw.surge-alert.v1` event. */
  @Get('surge-alert/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  surgeAlertV1(): typeof SURGE_ALERT_EVENT_V1_SCHEMA {
    return SURGE_ALERT_EVENT_V1_SCHEMA;
  }
}
