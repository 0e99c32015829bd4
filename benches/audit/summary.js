// The median of several Lighthouse runs of one page (Lighthouse's own advice: one run varies),
// as one line: each category's score, the metrics behind performance, and the host's
// benchmarkIndex (Lighthouse expects over 1000; below, its default 4x CPU slowdown emulates a
// slower phone than it means to).
//
//   node summary.js LABEL REPORT.json...
"use strict";
const [label, ...files] = process.argv.slice(2);
const runs = files.map((f) => require(require("path").resolve(f)));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
// The run whose performance score is the median stands for the metrics (as Lighthouse's
// computeMedianRun does), so they add up to the score shown.
const byPerf = [...runs].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const mid = byPerf[(byPerf.length - 1) >> 1];
const cats = Object.keys(mid.categories).map((id) =>
  `${id}=${Math.round(100 * median(runs.map((r) => r.categories[id].score)))}`);
const metric = (id) => mid.audits[id].displayValue;
const perf = runs.map((r) => Math.round(100 * r.categories.performance.score)).join(",");
console.log(`${label}: ${cats.join(" ")} (performance runs ${perf}) | FCP ${metric("first-contentful-paint")} ` +
  `LCP ${metric("largest-contentful-paint")} TBT ${metric("total-blocking-time")} ` +
  `CLS ${metric("cumulative-layout-shift")} SI ${metric("speed-index")} | benchmarkIndex ` +
  `${Math.round(median(runs.map((r) => r.environment.benchmarkIndex)))}`);
