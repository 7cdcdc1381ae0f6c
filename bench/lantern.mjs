// Where Lighthouse's simulation puts Material's bundle, from a run's saved
// artifacts (lighthouse -GA=DIR): the same simulation Lighthouse scores with
// (Lantern, its mobile preset), read back node by node.
//
//   node bench/lantern.mjs DIR...   → one JSON line per DIR
//
// Lantern starts each request as soon as what it depends on is done: a request
// sent by a script's task waits for that task, any other one (stylesheets,
// icons, the web app manifest, even when Chromium fetched it after the load)
// starts when the HTML has arrived. The requests in flight share the throttled
// line equally, so every one beside the bundle slows it; and the bundle's
// start-up counts as blocking time when it runs after the simulated first paint
// (issue 17, item 9). Printed per run: the HTML's bytes on the wire (a new
// connection's first round trip carries 14,600), when the bundle downloads and
// the requests in flight with it, the first paint, and the blocking time.

import {loadArtifacts} from 'lighthouse/core/lib/asset-saver.js';
import {defaultSettings} from 'lighthouse/core/config/constants.js';
import {Audit} from 'lighthouse/core/audits/audit.js';
import {LanternFirstContentfulPaint} from 'lighthouse/core/computed/metrics/lantern-first-contentful-paint.js';
import {LanternTotalBlockingTime} from 'lighthouse/core/computed/metrics/lantern-total-blocking-time.js';

const BUNDLE = '/assets/javascripts/bundle.';

function path(url) {
  return url.startsWith('data:') ? 'data:' : new URL(url).pathname;
}

async function describe(dir) {
  const artifacts = await loadArtifacts(dir);
  // The run's own settings (its throttling), as Lighthouse scored it.
  const context = {computedCache: new Map(), settings: {...defaultSettings, ...artifacts.settings}};
  const data = Audit.makeMetricComputationDataInput(artifacts, context);
  const fcp = await LanternFirstContentfulPaint.request(data, context);
  const tbt = await LanternTotalBlockingTime.request(data, context);
  // TBT's pessimistic simulation is of the whole page: every request and task.
  const requests = [...tbt.pessimisticEstimate.nodeTimings]
    .filter(([node]) => node.type === 'network')
    .map(([node, timing]) => ({node, timing}));
  const html = requests.find(({node}) => node.isMainDocument());
  const bundle = requests.find(({node}) => node.request.url.includes(BUNDLE));
  const beside = bundle ? requests.filter(({node, timing}) => node !== bundle.node && !node.request.url.startsWith('data:')
    && timing.startTime < bundle.timing.endTime && timing.endTime > bundle.timing.startTime) : [];
  return {
    html_bytes: html ? html.node.request.transferSize : null,
    html_ms: html ? Math.round(html.timing.endTime) : null,
    bundle_start_ms: bundle ? Math.round(bundle.timing.startTime) : null,
    bundle_end_ms: bundle ? Math.round(bundle.timing.endTime) : null,
    beside_bundle: beside.map(({node}) => path(node.request.url)),
    fcp_ms: Math.round(fcp.timing),
    tbt_ms: Math.round(tbt.timing),
  };
}

for (const dir of process.argv.slice(2)) {
  try {
    console.log(JSON.stringify({dir, ...(await describe(dir))}));
  } catch (error) {
    console.log(JSON.stringify({dir, error: String(error && error.message || error)}));
  }
}
