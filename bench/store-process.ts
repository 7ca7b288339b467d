/**
 * The benchmark's DynamoDB-compatible store in a process of its own (bench/run.ts starts it with
 * `fork`). In the cloud DynamoDB does its work on other machines: what Lambda pays for is the round
 * trip, not the store's CPU. Run inside the service's process, the embedded store's CPU (a Query of
 * 100 items costs it several milliseconds) would be charged to the handler's latency and billed
 * duration, and would compete with it for the event loop. Out of process it costs what a remote
 * store costs: a network round trip on loopback, plus the latency the benchmark injects.
 *
 * argv[2]: the LevelDB directory. Sends `{ endpoint }` once listening; exits on 'close' or when the
 * parent goes away.
 */
import { startEmbeddedDynamo } from '../shared/adapters/local/embedded-dynamo.js';

const store = await startEmbeddedDynamo({ path: process.argv[2] });
const stop = async () => {
  await store.close().catch(() => undefined);
  process.exit(0);
};
process.on('message', (m) => {
  if (m === 'close') void stop();
});
process.on('disconnect', () => void stop());
process.send?.({ endpoint: store.endpoint });
