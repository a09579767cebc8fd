import { PartialType } from '@nestjs/swagger';
import { FileIncidentRequestDto } from '../file-incident/file-incident.request.dto.js';

/** Body of `PATCH /incidents/{id}`: any filing fields, with the same bounds; at least one is required. */
export class AmendIncidentRequestDto extends PartialType(FileIncidentRequestDto) {}
