// Peer ANN measurement for `agentrec bench vectors`: reads the vectors, queries and exact top-k that the bench wrote,
// builds an hnswlib-node index with the same M / efConstruction, searches at each efSearch of the curve, and prints
// one JSON line (top-level figures for the first efSearch).
'use strict';
const fs = require('fs');
const { HierarchicalNSW } = require('hnswlib-node');

const file = process.argv[2];
const buf = fs.readFileSync(file);
const head = new Int32Array(buf.buffer, buf.byteOffset, 7);
const [n, dims, nq, k, m, efConstruction, efCount] = head;
const efs = Array.from(new Int32Array(buf.buffer, buf.byteOffset + 28, efCount));
let offset = buf.byteOffset + 28 + efCount * 4;
const data = new Float32Array(buf.buffer.slice(offset, offset + n * dims * 4));
offset += n * dims * 4;
const queries = new Float32Array(buf.buffer.slice(offset, offset + nq * dims * 4));
offset += nq * dims * 4;
const truth = new Int32Array(buf.buffer.slice(offset, offset + nq * k * 4));

const index = new HierarchicalNSW('ip', dims);
index.initIndex({ maxElements: n, m, efConstruction, randomSeed: 100 });
let t = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  index.addPoint(Array.from(data.subarray(i * dims, (i + 1) * dims)), i);
}
const buildSeconds = Number(process.hrtime.bigint() - t) / 1e9;
const qs = [];
for (let q = 0; q < nq; q++) qs.push(Array.from(queries.subarray(q * dims, (q + 1) * dims)));
const curve = [];
for (const efSearch of efs) {
  index.setEf(efSearch);
  for (let q = 0; q < Math.min(nq, 20); q++) index.searchKnn(qs[q], k);
  const latencies = [];
  const results = [];
  const all = process.hrtime.bigint();
  for (let q = 0; q < nq; q++) {
    const start = process.hrtime.bigint();
    results.push(index.searchKnn(qs[q], k).neighbors);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const searchSeconds = Number(process.hrtime.bigint() - all) / 1e9;
  let hits = 0;
  for (let q = 0; q < nq; q++) {
    const gold = new Set(truth.subarray(q * k, (q + 1) * k));
    for (const id of results[q]) if (gold.has(id)) hits++;
  }
  latencies.sort((a, b) => a - b);
  curve.push({ efSearch, queriesPerSecond: nq / searchSeconds, p50Ms: latencies[Math.floor(nq / 2)], recallAt10: hits / (nq * k) });
}
const first = curve[0];
console.log(JSON.stringify({ library: 'hnswlib-node', buildSeconds, queriesPerSecond: first.queriesPerSecond, recallAt10: first.recallAt10, curve }));
