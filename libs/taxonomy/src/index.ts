/**
 * Pure taxonomy library: the vocabulary of ../shared/TAXONOMY.md and the incident classifier.
 * Imports nothing from NestJS, TypeORM or Kafka (enforced by `npm run deps:validate`).
 */
export * from './vocabulary.js';
export * from './classification.js';
export * from './classify-incident.js';
