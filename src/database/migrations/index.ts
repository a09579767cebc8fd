import { InitialSchema1795969876566 } from './1795969876566-InitialSchema.js';
import { AlertSigningKeys1795971832657 } from './1795971832657-AlertSigningKeys.js';
import { IncidentVersionsAndAlertRecipients1795972126583 } from './1795972126583-IncidentVersionsAndAlertRecipients.js';
import { OutboxFailedRows1795973231422 } from './1795973231422-OutboxFailedRows.js';
import { DeliveryWindowsAndDisabledWebhooks1795973588435 } from './1795973588435-DeliveryWindowsAndDisabledWebhooks.js';
import { ClassificationReviews1795973641278 } from './1795973641278-ClassificationReviews.js';
import { AcknowledgementDeadlines1795974039368 } from './1795974039368-AcknowledgementDeadlines.js';
import { NamedRecipients1795974416448 } from './1795974416448-NamedRecipients.js';
import { PartnerLifecycle1796200000001 } from './1796200000001-PartnerLifecycle.js';
import { IncidentSearchReadModel1796400000001 } from './1796400000001-IncidentSearchReadModel.js';
import { FollowUps1796300000001 } from './1796300000001-FollowUps.js';
import { ClassificationHistory1796100000001 } from './1796100000001-ClassificationHistory.js';
import { AuditLog1796100000002 } from './1796100000002-AuditLog.js';
import { TaxiiCollections1796600000000 } from './1796600000000-TaxiiCollections.js';
import { OutboxWakeInProcess1796900000000 } from './1796900000000-OutboxWakeInProcess.js';
import { SurgeSignals1796700000000 } from './1796700000000-SurgeSignals.js';
import { PersonalFields1797000000000 } from './1797000000000-PersonalFields.js';
import { TrendCounts1797300000000 } from './1797300000000-TrendCounts.js';
import { SurgeAlerts1797400000000 } from './1797400000000-SurgeAlerts.js';
import { CjkBigramSearchIndex1797400000001 } from './1797400000001-CjkBigramSearchIndex.js';
import { IncidentCorrelation1797200000000 } from './1797200000000-IncidentCorrelation.js';
import { EncryptSecretsAtRest1797600000000 } from './1797600000000-EncryptSecretsAtRest.js';
import { Federation1797100000000 } from './1797100000000-Federation.js';
import { SealPeerCredentials1798000000000 } from './1798000000000-SealPeerCredentials.js';
import { SearchIndexesByMonth1798900000000 } from './1798900000000-SearchIndexesByMonth.js';
import { ClearResumedPartnersStatusReason1799300000000 } from './1799300000000-ClearResumedPartnersStatusReason.js';
import { AlertRecipientsWithdrawnVersions1799600000000 } from './1799600000000-AlertRecipientsWithdrawnVersions.js';
import { AcknowledgementMessages1799810000001 } from './1799810000001-AcknowledgementMessages.js';
import { ClassificationVersionMarking1799600000001 } from './1799600000001-ClassificationVersionMarking.js';

/** Ordered list of migrations; add each new `<timestamp>-<PascalName>.ts` here. */
export const MIGRATIONS = [
  InitialSchema1795969876566,
  AlertSigningKeys1795971832657,
  IncidentVersionsAndAlertRecipients1795972126583,
  OutboxFailedRows1795973231422,
  DeliveryWindowsAndDisabledWebhooks1795973588435,
  ClassificationReviews1795973641278,
  AcknowledgementDeadlines1795974039368,
  NamedRecipients1795974416448,
  PartnerLifecycle1796200000001,
  IncidentSearchReadModel1796400000001,
  FollowUps1796300000001,
  ClassificationHistory1796100000001,
  AuditLog1796100000002,
  TaxiiCollections1796600000000,
  OutboxWakeInProcess1796900000000,
  SurgeSignals1796700000000,
  PersonalFields1797000000000,
  TrendCounts1797300000000,
  SurgeAlerts1797400000000,
  CjkBigramSearchIndex1797400000001,
  IncidentCorrelation1797200000000,
  EncryptSecretsAtRest1797600000000,
  Federation1797100000000,
  SealPeerCredentials1798000000000,
  SearchIndexesByMonth1798900000000,
  ClearResumedPartnersStatusReason1799300000000,
  AlertRecipientsWithdrawnVersions1799600000000,
  ClassificationVersionMarking1799600000001,
  AcknowledgementMessages1799810000001,
];
