import { describeDriverConformance } from '@mtredi/channel-sdk/conformance';
import { SmppDriver } from './driver.js';
import { type NpmSmsc, startNpmSmsc } from './test/npm-smsc.js';

// The SMSC here is the npm `smpp` package, an implementation we did not write; the same suite runs
// against Mtredi's own simulator in apps/simulator.
let smsc: NpmSmsc;

describeDriverConformance('smpp (against the npm smpp SMSC)', async () => {
  smsc = await startNpmSmsc();
  return {
    createDriver: () =>
      new SmppDriver({
        host: '127.0.0.1',
        port: smsc.port,
        systemId: 'mtredi',
        password: 'secret',
        throughput: 1000,
        reconnect: { initialMs: 200 },
        startTimeoutMs: 3000,
      }),
    destinations: { delivered: '+995599000001', undelivered: '+995599000002', rejected: '+995599000003' },
    makeUnavailable: async (driver) => {
      await smsc.stop();
      while (driver.session) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    submittedText: (_driver, ids) => ids.map((id) => smsc.texts.get(id) ?? '?').join(''),
    teardown: () => smsc.stop(),
  };
});
