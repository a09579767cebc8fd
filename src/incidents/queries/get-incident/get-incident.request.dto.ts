import { IsIn, IsOptional } from 'class-validator';
import { CROSSWALK_VIEWS, type CrosswalkViewName } from '@app/taxonomy';

/** Query of `GET /incidents/{id}`. */
export class GetIncidentRequestDto {
  /** Show the classification also in a neighbouring taxonomy (crosswalk). */
  @IsOptional()
  @IsIn(CROSSWALK_VIEWS)
  view?: CrosswalkViewName;
}
