import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLASSIFIER_VERSION, CROSSWALK_LOSSES, TAXONOMY_VOCABULARY } from '@app/taxonomy';
import { Roles } from '../../../auth/auth.decorators.js';

@ApiTags('taxonomy')
@ApiBearerAuth()
@Controller('taxonomy')
export class GetTaxonomyHttpController {
  /**
   * The taxonomy the product applies (../shared/TAXONOMY.md): every dimension's codes with English and Simplified
   * Chinese labels and definitions, the classifier version, and what each crosswalk view loses. Takes no query
   * parameters (any answers 400 naming it).
   */
  @Get()
  @Roles('regulator', 'partner', 'analyst', 'admin')
  @Header('Cache-Control', 'private, max-age=300')
  get(): { classifierVersion: string; vocabulary: typeof TAXONOMY_VOCABULARY; crosswalkLosses: typeof CROSSWALK_LOSSES } {
    return { classifierVersion: CLASSIFIER_VERSION, vocabulary: TAXONOMY_VOCABULARY, crosswalkLosses: CROSSWALK_LOSSES };
  }
}
