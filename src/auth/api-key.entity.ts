import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const ROLES = ['regulator', 'partner', 'analyst', 'admin'] as const;
/** Least-privilege roles of PRODUCT.md: regulator files, partner acknowledges, analyst queries, admin manages. */
export type Role = (typeof ROLES)[number];

/** An API key of one user of an agency (table `api_keys`); only its SHA-256 is stored. */
@Entity({ name: 'api_keys' })
@Index('ux_api_keys_key_hash', ['keyHash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  role!: Role;

  /** Set for role `partner`: the partner whose alerts this key may read and acknowledge. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
