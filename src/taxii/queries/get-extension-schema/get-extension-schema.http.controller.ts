import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../../auth/auth.decorators.js';
import { AISW_INCIDENT_EXTENSION_SCHEMA } from '../../stix/aisw-incident-extension.schema.js';

@ApiTags('taxii')
@Public()
@Controller('schemas/stix')
export class GetExtensionSchemaHttpController {
  /**
   * JSON Schema (draft 2020-12) of our STIX property extension on `incident` objects: the `schema` of the extension
   * definition every TAXII collection carries. Public like the alert schema, so any STIX consumer can validate.
   */
  @Get('incident-extension/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  incidentExtensionV1(): typeof AISW_INCIDENT_EXTENSION_SCHEMA {
    return AISW_INCIDENT_EXTENSION_SCHEMA;
  }
}
