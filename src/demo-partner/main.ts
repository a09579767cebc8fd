// Demo partner single window: receives signed alert webhooks, verifies them (partner SDK), stores them, acknowledges them.
// A separate process from the app (no NestJS). Build with `npm run build`, then
//   PARTNER_NAME=gb WEBHOOK_SECRET=whsec_... node dist/src/demo-partner/main.js
// Settings: see loadPartnerConfig in partner-config.ts.
import { createReceiverServer } from './alert-receiver.js';
import { loadPartnerConfig, PartnerConfigError, type PartnerConfig } from './partner-config.js';
import { createStructuredLogger } from './structured-logger.js';

let config: PartnerConfig;
try {
  config = loadPartnerConfig(process.env);
} catch (error) {
  if (!(error instanceof PartnerConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const log = createStructuredLogger(config.partnerName);
const receiver = await createReceiverServer({
  partnerName: config.partnerName,
  webhookSecret: config.webhookSecret,
  outDir: config.outDir,
  appUrl: config.appUrl,
  partnerApiKey: config.partnerApiKey,
  log,
});
const port = await receiver.listen(config.port, config.host);
log('info', 'demo partner listening', {
  url: `http://${config.host}:${port}`,
  webhookPath: '/webhooks/alerts',
  outDir: config.outDir,
  storedAlerts: receiver.store.count,
  verifiesAlertsWith: `${config.appUrl}/.well-known/jwks.json`,
  acknowledges: config.partnerApiKey ? `${config.appUrl}/alerts/{id}/ack` : false,
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) {
      log('warn', 'second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    log('info', 'shutting down', { signal });
    receiver.close().then(
      () => {
        log('info', 'stopped', { storedAlerts: receiver.store.count, repeats: receiver.store.repeats });
        process.exit(0);
      },
      (error: unknown) => {
        log('error', 'shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  });
}
