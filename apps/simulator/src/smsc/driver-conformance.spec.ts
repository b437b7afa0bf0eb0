import { describeDriverConformance } from '@mtredi/channel-sdk/conformance';
import { SmppDriver } from '@mtredi/driver-smpp';
import { type SimulatorApp, startSimulatorApp } from '../app.js';

// The operator-direct driver against this simulator's SMSC, over loopback TCP: the pairing QA drills use.
let app: SimulatorApp;

const destinations = { delivered: '+995599000001', undelivered: '+995599000002', rejected: '+995599000003' };

describeDriverConformance('smpp driver against the simulator SMSC', async () => {
  app = await startSimulatorApp({ controlPort: 0, smppPort: 0 });
  app.simulator.setScenario({
    receipt: { delay: { kind: 'uniform', minMs: 10, maxMs: 60 } },
    rules: [
      { match: { prefix: destinations.undelivered }, receipt: { state: 'undelivered', errorCode: '069' } },
      { match: { prefix: destinations.rejected }, submit: { outcome: 'reject', status: 'ESME_RINVDSTADR' } },
    ],
    smpp: { accounts: [{ systemId: 'mtredi', password: 'secret' }], receipts: { receiptIdFormat: { base: 10 } } },
  });
  const port = app.smsc?.address.port as number;
  return {
    createDriver: () =>
      new SmppDriver({
        host: '127.0.0.1',
        port,
        systemId: 'mtredi',
        password: 'secret',
        throughput: 1000,
        messageIdMatching: 'hex_to_decimal',
        reconnect: { initialMs: 200 },
        startTimeoutMs: 3000,
      }),
    destinations,
    makeUnavailable: async (driver) => {
      app.simulator.setScenario({ ...app.simulator.currentScenario, outages: [{}] });
      await app.smsc?.sync();
      while (driver.session) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    submittedText: (_driver, ids) =>
      ids.map((id) => app.simulator.lookup(app.smsc?.ids.engineId(Number(id)) ?? '')?.text ?? '?').join(''),
    teardown: () => app.close(),
  };
});
