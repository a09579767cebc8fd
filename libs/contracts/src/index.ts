/**
 * Message contracts shared by the app, the demo partner and partners' integrations:
 * topic names, CloudEvents types, event and alert payloads.
 */
export * from './topics.js';
export * from './event-types.js';
export * from './incident-filed.event.js';
export * from './alert.js';
export * from './alert-signature.js';
export * from './schemas/alert-v1.schema.js';
export * from './surge-alert.js';
export * from './schemas/surge-alert-v1.schema.js';
export * from './acknowledgement.js';
export * from './schemas/acknowledgement-v1.schema.js';
