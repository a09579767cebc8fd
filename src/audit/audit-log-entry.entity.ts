import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the append-only, hash-chained audit log (table `audit_log`; issue 6): every HTTP request that may
 * change state (POST, PATCH, PUT, DELETE) with its outcome, and every read of an AMBER+STRICT or RED incident.
 * `hash` is SHA-256 over the RFC 8785 canonical form of the entry including `prevHash` (audit-chain.ts). The
 * database refuses UPDATE, DELETE and TRUNCATE (trigger, migration 1796100000002).
 */
@Entity({ name: 'audit_log' })
@Index('ux_audit_log_hash', ['hash'], { unique: true })
export class AuditLogEntryEntity {
  /** 1, 2, 3, ... without gaps; assigned under the append lock (audit-log.service.ts), part of the hashed form. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The API key that acted (null: unauthenticated, or outside an HTTP request). */
  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  /** `<METHOD> <route>`, e.g. `POST /incidents/:id/retraction`, `GET /incidents/:id`. */
  @Column({ type: 'varchar', length: 200 })
  action!: string;

  /** First segment of the route, e.g. `incidents`, `partners`, `api-keys`. */
  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 200, nullable: true })
  resourceId!: string | null;

  /** HTTP status the request answered. */
  @Column({ name: 'outcome_status', type: 'int' })
  outcomeStatus!: number;

  @Column({ name: 'correlation_id', type: 'varchar', length: 100, nullable: true })
  correlationId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
