// Deletes this deployment's Kafka topics and consumer groups from a running broker (used by `npm run down -- --purge`
// when the broker is not the local one that `.local/` holds, e.g. a shared broker `npm run up` found listening).
// Only names this app derives from its configuration are touched, never another prefix's:
// - topics whose name starts with `<KAFKA_TOPIC_PREFIX>.` (default `aisw.`: incident events, partner alerts and acks;
//   libs/contracts/src/topics.ts). A prefix is [a-z0-9-], so `aisw.` never matches `aisw-test.`'s topics;
// - the consumer groups `<KAFKA_CLIENT_ID>-<KAFKA_TOPIC_PREFIX>-{router,correlation,alert-log,acks}` exactly
//   (src/dissemination, src/correlation), which must have no members (stop the app first).
// Env: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_TOPIC_PREFIX (default aisw), KAFKA_CLIENT_ID (default aisw).
// Prints each name it deletes; exits 1 with a message when the broker cannot be reached or a deletion fails.
import { Kafka, logLevel } from 'kafkajs';

/** Consumer group suffixes of the app (keep in step with the groupIds in src/). */
export const GROUP_SUFFIXES = ['router', 'correlation', 'alert-log', 'acks'];

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const prefix = process.env.KAFKA_TOPIC_PREFIX || 'aisw';
const clientId = process.env.KAFKA_CLIENT_ID || 'aisw';
for (const [name, value] of [['KAFKA_TOPIC_PREFIX', prefix], ['KAFKA_CLIENT_ID', clientId]]) {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(value)) {
    console.error(`purge-kafka: ${name} must match [a-z0-9][a-z0-9-]{0,40}, not ${JSON.stringify(value)}`);
    process.exit(1);
  }
}

const admin = new Kafka({ brokers, clientId: `${clientId}-purge`, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
try {
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`)).sort();
  const wanted = new Set(GROUP_SUFFIXES.map((suffix) => `${clientId}-${prefix}-${suffix}`));
  // Listed before the topics go: kafkajs refreshes metadata of the topics it knows, which fails once they are deleted.
  const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((groupId) => wanted.has(groupId)).sort();
  if (groups.length > 0) await admin.deleteGroups(groups);
  if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  console.log(`purge-kafka: deleted ${topics.length} topic(s) with prefix ${prefix}. on ${brokers.join(',')}${topics.map((topic) => `\n  topic ${topic}`).join('')}`);
  console.log(`purge-kafka: deleted ${groups.length} consumer group(s)${groups.map((group) => `\n  group ${group}`).join('')}`);
} catch (error) {
  console.error(`purge-kafka: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect();
}
