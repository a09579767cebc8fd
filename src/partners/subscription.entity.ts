import { AfterLoad, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Most subscriptions one partner may hold. */
export const MAX_SUBSCRIPTIONS_PER_PARTNER = 20;

/** The filter parts of a subscription: the lists and `minSeverity` (`trendSignals` opts in to more, it narrows nothing). */
export const SUBSCRIPTION_FILTER_PARTS = ['mechanisms', 'magnitudes', 'sources', 'countries', 'sectors', 'minSeverity', 'harmTypes', 'urgencies', 'redLineFlags'] as const;

/**
 * True when no part narrows the filter (every list empty, `minSeverity` null): the subscription takes every alert the
 * TLP rule lets the partner hold (routing-rules.ts `subscriptionMatches`).
 */
export function takesEveryAlert(filter: Pick<SubscriptionEntity, (typeof SUBSCRIPTION_FILTER_PARTS)[number]>): boolean {
  return SUBSCRIPTION_FILTER_PARTS.every((part) => (part === 'minSeverity' ? filter.minSeverity === null : filter[part].length === 0));
}

/**
 * What a partner wants to receive (table `subscriptions`). Each list is a filter; an empty list matches any
 * value, a null `minSeverity` any severity. A partner receives an alert when any of its subscriptions matches
 * (src/dissemination/routing-rules.ts `subscriptionMatches` is the rule). `all` (not stored) says whether it takes
 * every alert, so a read shows it instead of leaving it to be inferred from empty lists.
 */
@Entity({ name: 'subscriptions' })
@Index('ix_subscriptions_partner_id', ['partnerId'])
export class SubscriptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  mechanisms!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  magnitudes!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  /** SEVERITIES code; the incident's severity must be this or above (an undetermined severity does not match). */
  @Column({ name: 'min_severity', type: 'varchar', length: 12, nullable: true })
  minSeverity!: string | null;

  /** HARM_TYPES codes; matches when the incident shows any of them. */
  @Column({ name: 'harm_types', type: 'text', array: true, default: () => "'{}'" })
  harmTypes!: string[];

  /** URGENCIES codes; matches the alert's urgency. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  urgencies!: string[];

  /** RED_LINE_FLAGS codes; matches when the incident shows any of them. */
  @Column({ name: 'red_line_flags', type: 'text', array: true, default: () => "'{}'" })
  redLineFlags!: string[];

  /**
   * Opt-in to surge alerts (`org.aisw.surge-alert.v1`, sent when SURGE_ALERTS_ENABLED): a surge of a category
   * matches when this filter's list for that category accepts the value and the filter names nothing a surge does
   * not carry (routing-rules.ts `subscriptionMatchesSurge`).
   */
  @Column({ name: 'trend_signals', type: 'boolean', default: false })
  trendSignals!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Derived on load (`takesEveryAlert`), not a column: true when no part narrows the filter. */
  all?: boolean;

  @AfterLoad()
  protected deriveAll(): void {
    this.all = takesEveryAlert(this);
  }
}
