import { Module } from '@nestjs/common';
import { GetTaxonomyHttpController } from './queries/get-taxonomy/get-taxonomy.http.controller.js';

@Module({ controllers: [GetTaxonomyHttpController] })
export class ClassificationModule {}
