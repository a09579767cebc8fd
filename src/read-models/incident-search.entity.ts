import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Read model (CQRS projection) of `GET /incidents` search, its CSV export and `GET /trends` (table `incident_search`):
 * one denormalised row per incident with the labels in force (the newest `incident_classifications` row, so a
 * reviewed override wins, labels-in-force.ts). Written only by incident-search.projection.ts, in the transaction that
 * records each incident event, and by `read-models:rebuild`.
 * Text search: `search_text` (lower-cased title and description) has a pg_trgm GIN index, which indexes Chinese on
 * this database's UTF-8 encoding (verified: show_trgm('使用人脸识别系统') yields 9 trigrams), so `LIKE '%人脸识别%'`
 * uses it; `search_vector` (English stemming) has a GIN index for English words and ranking. Trends read the covering
 * index `ix_incident_search_trends` (occurred_at INCLUDE every dimension) with index-only scans, not the wide rows.
 * These three indexes are created by migration 1796400000001 (TypeORM cannot declare GIN operator classes or
 * INCLUDE columns), hence `synchronize: false`; so is the partial index `ix_incident_search_red_filer` (filer, occurred_at
 * WHERE tlp = 'RED', migration 1797300000000) by which trends add a principal's own TLP:RED incidents. A trigger
 * (same migration) records each change of a counted row for the trend_counts read model (trend-counts.ts). Likewise the
 * GIN expression index on `aisw_cjk_bigrams(search_text)` (migration 1797400000001), which serves two-character
 * Chinese words. Since migration 1798900000000 the three text indexes lead with the UTC month of `occurred_at`
 * (`aisw_utc_month`, btree_gin): `ix_incident_search_month_text_trgm`, `ix_incident_search_month_vector` and
 * `ix_incident_search_month_cjk_bigrams`, so a date-sorted search reads a few months' matches at a time.
 */
@Entity({ name: 'incident_search' })
@Index('ix_incident_search_occurred_at', ['occurredAt', 'incidentId'])
@Index('ix_incident_search_month_text_trgm', { synchronize: false })
@Index('ix_incident_search_month_vector', { synchronize: false })
@Index('ix_incident_search_trends', { synchronize: false })
@Index('ix_incident_search_red_filer', { synchronize: false })
@Index('ix_incident_search_month_cjk_bigrams', { synchronize: false })
export class IncidentSearchEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: string;

  /** The classification's sector (the filer's when given, else from the text), `undetermined` when neither. */
  @Column({ type: 'varchar', length: 40 })
  sector!: string;

  @Column({ type: 'varchar', length: 12 })
  tlp!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'reporting_organisation', type: 'varchar', length: 200 })
  reportingOrganisation!: string;

  /** Filer's API key: the one principal (besides none) that sees a TLP:RED incident in queries. */
  @Column({ name: 'filed_by_key_id', type: 'uuid' })
  filedByKeyId!: string;

  @Column({ type: 'varchar', length: 20 })
  mechanism!: string;

  @Column({ type: 'varchar', length: 20 })
  magnitude!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  /** Harm types (HARM_TYPES codes); `{undetermined}` when the text shows none, so every incident has a group. */
  @Column({ name: 'harm_types', type: 'text', array: true })
  harmTypes!: string[];

  @Column({ type: 'varchar', length: 20 })
  severity!: string;

  @Column({ type: 'varchar', length: 20 })
  urgency!: string;

  /** The paper's lifecycle stage (model_training, service_launch, content_generation, content_dissemination). */
  @Column({ name: 'lifecycle_stage', type: 'varchar', length: 30 })
  lifecycleStage!: string;

  @Column({ name: 'classifier_version', type: 'varchar', length: 40 })
  classifierVersion!: string;

  /** lower(title || ' ' || description): substring search (English and Chinese) over the trigram index. */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  /** to_tsvector('english', title || ' ' || description): stemmed English words and their ranking. */
  @Column({ name: 'search_vector', type: 'tsvector' })
  searchVector!: string;

  @Column({ name: 'projected_at', type: 'timestamptz' })
  projectedAt!: Date;
}
