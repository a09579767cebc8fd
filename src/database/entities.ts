import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { AcknowledgementMessageEntity } from '../dissemination/acknowledgement-message.entity.js';
import { AlertRecipientEntity } from '../dissemination/alert-recipient.entity.js';
import { DeliveryAttemptEntity } from '../dissemination/delivery-attempt.entity.js';
import { DeliveryEntity } from '../dissemination/delivery.entity.js';
import { FollowUpEntity } from '../dissemination/follow-up.entity.js';
import { ClassificationOverrideEntity } from '../classification/classification-override.entity.js';
import { IncidentClassificationEntity } from '../incidents/incident-classification.entity.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity.js';
import { PartnerWebhookSecretEntity } from '../partners/partner-webhook-secret.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { IncidentSearchEntity } from '../read-models/incident-search.entity.js';
import { SubscriptionEntity } from '../partners/subscription.entity.js';
import { SigningKeyEntity } from '../signing/signing-key.entity.js';
import { AuditLogEntryEntity } from '../audit/audit-log-entry.entity.js';
import { TaxiiCollectionObjectEntity } from '../taxii/collection-object.entity.js';
import { SurgeSignalEntity } from '../signals/surge-signal.entity.js';
import { IncidentLinkEntity } from '../correlation/incident-link.entity.js';
import { IncidentNameKeyEntity } from '../correlation/incident-name-key.entity.js';
import { ForeignIncidentEntity } from '../federation/foreign-incident.entity.js';
import { PeerMessageEntity } from '../federation/peer-message.entity.js';
import { PeerEntity } from '../federation/peer.entity.js';

/** Every TypeORM entity; the DataSource and the Nest TypeOrmModule both use this list. */
export const ENTITIES = [
  AcknowledgementMessageEntity,
  AlertRecipientEntity,
  ApiKeyEntity,
  ClassificationOverrideEntity,
  DeliveryAttemptEntity,
  DeliveryEntity,
  FollowUpEntity,
  IncidentClassificationEntity,
  IncidentEntity,
  OutboxMessageEntity,
  PartnerEntity,
  SigningKeyEntity,
  SubscriptionEntity,
  PartnerWebhookSecretEntity,
  IncidentSearchEntity,
  AuditLogEntryEntity,
  TaxiiCollectionObjectEntity,
  SurgeSignalEntity,
  IncidentLinkEntity,
  IncidentNameKeyEntity,
  PeerEntity,
  ForeignIncidentEntity,
  PeerMessageEntity,
];
