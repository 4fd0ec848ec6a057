// Peer ANN measurement for `agentrec bench vectors`: reads the vectors, queries and exact top-k that the bench wrote,
// builds an hnswlib-node index with the same M / efConstruction / efSearch, and prints one JSON line.
'use strict';
const fs = require('fs');
const { HierarchicalNSW } = require('hnswlib-node');

const file = process.argv[2];
const buf = fs.readFileSync(file);
const head = new Int32Array(buf.buffer, buf.byteOffset, 7);
const [n, dims, nq, k, m, efConstruction, efSearch] = head;
let offset = buf.byteOffset + 28;
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
index.setEf(efSearch);

const qs = [];
for (let q = 0; q < nq; q++) qs.push(Array.from(queries.subarray(q * dims, (q + 1) * dims)));
let hits = 0;
t = process.hrtime.bigint();
const results = qs.map((q) => index.searchKnn(q, k).neighbors);
const searchSeconds = Number(process.hrtime.bigint() - t) / 1e9;
for (let q = 0; q < nq; q++) {
  const gold = new Set(truth.subarray(q * k, (q + 1) * k));
  for (const id of results[q]) if (gold.has(id)) hits++;
}
console.log(JSON.stringify({ library: 'hnswlib-node', buildSeconds, queriesPerSecond: nq / searchSeconds, recallAt10: hits / (nq * k) }));
