// Reference throughput of onnxruntime-node on the encoder model `agentrec bench encoders` writes.
// Usage: node encoder-bench.mjs INPUT.json   (INPUT: {"model": path, "seconds": s, "batches": {"1": [[ids...]], "8": [...], ...}})
// Prints one JSON object: {"onnxruntimeNode": version, "textsPerSecond": {"1": x, "8": y, ...}}.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';

const require = createRequire(import.meta.url);
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const session = await ort.InferenceSession.create(input.model, { graphOptimizationLevel: 'all', executionProviders: ['cpu'] });

function feeds(rows) {
  const b = rows.length;
  const t = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(b * t);
  const mask = new BigInt64Array(b * t);
  rows.forEach((row, r) => row.forEach((id, c) => { ids[r * t + c] = BigInt(id); mask[r * t + c] = 1n; }));
  const dims = [b, t];
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(b * t), dims),
  };
}

const result = {};
for (const [batch, groups] of Object.entries(input.batches)) {
  // Tensors are built per run, as a caller would; the batches are the same token ids the C# encoder sees.
  for (let w = 0; w < 3; w++) await session.run(feeds(groups[w % groups.length]));
  let texts = 0;
  let g = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(input.seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    const rows = groups[g++ % groups.length];
    await session.run(feeds(rows));
    texts += rows.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  result[batch] = texts / seconds;
}

console.log(JSON.stringify({ onnxruntimeNode: require('onnxruntime-node/package.json').version, textsPerSecond: result }));
