// Runs autocannon in its own thread, so the load generator does not share the event loop of the
// server under test (bench/requests.ts). Plain JavaScript: workers do not go through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

// idReplacement: each [<id>] in the URL becomes a fresh id per request (bench/pages.ts: no cache can answer).
const { url, connections, duration, headers, method, body, idReplacement } = workerData;
const times = [];
const byStatus = {};
const inst = autocannon({ url, connections, duration, headers, method: method ?? 'GET', ...(body ? { body } : {}), idReplacement: Boolean(idReplacement) }, (err, res) => {
  if (err) parentPort.postMessage({ error: String(err) });
  else parentPort.postMessage({ times, byStatus, rps: times.length / duration, errors: (res.errors ?? 0) + (res.timeouts ?? 0) });
});
inst.on('response', (_c, status, _bytes, ms) => { times.push(ms); byStatus[status] = (byStatus[status] ?? 0) + 1; });
