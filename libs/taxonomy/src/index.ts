/**
 * Pure taxonomy library: the vocabulary of ../shared/TAXONOMY.md, the incident classifier and the crosswalks
 * to neighbouring taxonomies. Imports nothing from NestJS, TypeORM or Kafka (enforced by `npm run deps:validate`).
 */
export * from './vocabulary.js';
export * from './taxonomy-vocabulary.js';
export * from './classification.js';
export * from './classify-incident.js';
export * from './crosswalks/index.js';
