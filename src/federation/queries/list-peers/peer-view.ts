import type { DataSource } from 'typeorm';
import { withoutCredentials } from '../../../partners/webhook-url.js';

/** A peer as `GET /peers` shows it: never the secret values or the API key, only whether they are set. */
export interface PeerView {
  id: string;
  slug: string;
  name: string;
  /** The peer's jurisdiction (ISO 3166-1 alpha-2). */
  country: string;
  status: string;
  baseUrl: string;
  webhookUrl: string | null;
  jwksUrl: string | null;
  keyIds: string[];
  jwksFetchedAt: string | null;
  /** Whether the peer's credentials for this window are set (PUT /peers/{id}/credentials). */
  credentials: { webhookSecrets: number; apiKey: boolean };
  /** Foreign incidents received from the peer (retracted ones included). */
  foreignIncidents: number;
  /** Acknowledgements and follow-ups owed to the peer, per status (pending, sent, failed). */
  messages: Record<'pending' | 'sent' | 'failed', number>;
  createdAt: string;
}

interface PeerRow {
  partner_id: string;
  slug: string;
  name: string;
  country: string;
  status: string;
  base_url: string;
  webhook_url: string | null;
  jwks_url: string | null;
  key_ids: string[] | null;
  jwks_fetched_at: Date | null;
  secrets: number;
  has_api_key: boolean;
  foreign_incidents: string;
  pending: string;
  sent: string;
  failed: string;
  created_at: Date;
}

/** Peers (removed ones too), oldest first, or the one with `id`. */
export async function readPeers(dataSource: DataSource, id?: string): Promise<PeerView[]> {
  const rows = await dataSource.query<PeerRow[]>(
    `SELECT f.partner_id, p.slug, p.name, p.country, p.status, f.base_url, p.webhook_url, f.jwks_url,
            ARRAY(SELECT k ->> 'kid' FROM jsonb_array_elements(f.jwks -> 'keys') AS k) AS key_ids, f.jwks_fetched_at,
            cardinality(f.inbound_webhook_secrets_sealed) AS secrets, f.peer_api_key_sealed IS NOT NULL AS has_api_key,
            (SELECT count(*) FROM foreign_incidents i JOIN incidents x ON x.id = i.incident_id WHERE i.peer_id = f.partner_id) AS foreign_incidents,
            (SELECT count(*) FROM peer_messages m WHERE m.peer_id = f.partner_id AND m.status = 'pending') AS pending,
            (SELECT count(*) FROM peer_messages m WHERE m.peer_id = f.partner_id AND m.status = 'sent') AS sent,
            (SELECT count(*) FROM peer_messages m WHERE m.peer_id = f.partner_id AND m.status = 'failed') AS failed,
            f.created_at
       FROM peers f JOIN partners p ON p.id = f.partner_id
      WHERE $1::uuid IS NULL OR f.partner_id = $1::uuid
      ORDER BY f.created_at, f.partner_id`,
    [id ?? null],
  );
  return rows.map((row) => ({
    id: row.partner_id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    status: row.status,
    baseUrl: withoutCredentials(row.base_url),
    webhookUrl: withoutCredentials(row.webhook_url),
    jwksUrl: withoutCredentials(row.jwks_url),
    keyIds: row.key_ids ?? [],
    jwksFetchedAt: row.jwks_fetched_at?.toISOString() ?? null,
    credentials: { webhookSecrets: row.secrets, apiKey: row.has_api_key },
    foreignIncidents: Number(row.foreign_incidents),
    messages: { pending: Number(row.pending), sent: Number(row.sent), failed: Number(row.failed) },
    createdAt: row.created_at.toISOString(),
  }));
}
