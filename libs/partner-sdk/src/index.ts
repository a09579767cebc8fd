/**
 * Partner SDK of the AI Risk Single Window: verify and read `org.aisw.alert.v1` alerts (and, for partners that opted
 * in, `org.aisw.surge-alert.v1` surge alerts) received by webhook
 * (Standard Webhooks 1.0 + CloudEvents 1.0 structured JSON) or from a partner Kafka topic (CloudEvents binary
 * mode), check their Ed25519 JWS against the sender's JWK set, and acknowledge them. Wire format:
 * docs/partner-integration.md. No NestJS; depends on jose, standardwebhooks, cloudevents, ajv, @app/contracts.
 */
export * from './version.js';
export * from './alert-verification-error.js';
export * from './alert-event.js';
export * from './surge-alert-event.js';
export * from './verify-webhook.js';
export * from './verify-alert-signature.js';
export * from './kafka-alert.js';
export * from './single-window-client.js';
export * from './acknowledgement-message.js';
