// Reference throughput of onnxruntime-node on the models `agentrec bench encoders` writes, as a long-lived peer that
// the bench alternates with its own rounds. Usage: node encoder-bench.mjs, then one JSON command per line on stdin,
// one JSON answer per line on stdout (the first line, before any command: {"onnxruntimeNode": version}):
//   {"op": "load", "name": N, "model": path, "groups": [[[ids...], ...], ...], "types": [[[0, 1, ...], ...], ...]?}
//     opens the model (one session per file), keeps the batches (token type ids are zeros when "types" is absent) and
//     runs three of them unmeasured → {"ok": true}
//   {"op": "run", "name": N, "seconds": s}
//     runs the batches of N back to back for s seconds → {"items": rows run, "seconds": wall, "cpuSeconds": process CPU}
// The process ends when stdin closes. A failed command answers {"error": message}.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import * as ort from 'onnxruntime-node';

const require = createRequire(import.meta.url);
const sessions = new Map();
const loaded = new Map();

// Tensors are built per run, as a caller would: int64 ids, mask and token types from the rows' token ids.
function feeds(rows, typeRows) {
  const b = rows.length;
  let t = 0;
  for (const row of rows) t = Math.max(t, row.length);
  const ids = new BigInt64Array(b * t);
  const mask = new BigInt64Array(b * t);
  const types = new BigInt64Array(b * t);
  for (let r = 0; r < b; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      ids[r * t + c] = BigInt(row[c]);
      mask[r * t + c] = 1n;
      if (typeRows) types[r * t + c] = BigInt(typeRows[r][c]);
    }
  }
  const dims = [b, t];
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', types, dims),
  };
}

async function load(command) {
  let session = sessions.get(command.model);
  if (!session) {
    session = await ort.InferenceSession.create(command.model, { graphOptimizationLevel: 'all', executionProviders: ['cpu'] });
    sessions.set(command.model, session);
  }
  const state = { session, groups: command.groups, types: command.types ?? null, next: 0 };
  loaded.set(command.name, state);
  for (let w = 0; w < 3; w++) await runOne(state);
  return { ok: true };
}

async function runOne(state) {
  const g = state.next++ % state.groups.length;
  const rows = state.groups[g];
  const wanted = {};
  const all = feeds(rows, state.types ? state.types[g] : null);
  for (const name of state.session.inputNames) wanted[name] = all[name];
  await state.session.run(wanted);
  return rows.length;
}

async function run(command) {
  const state = loaded.get(command.name);
  if (!state) throw new Error(`nothing loaded as ${command.name}`);
  let items = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(command.seconds * 1e9));
  while (process.hrtime.bigint() < deadline) items += await runOne(state);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { items, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

console.log(JSON.stringify({ onnxruntimeNode: require('onnxruntime-node/package.json').version }));
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let answer;
  try {
    const command = JSON.parse(line);
    answer = command.op === 'load' ? await load(command) : command.op === 'run' ? await run(command) : { error: `unknown op ${command.op}` };
  } catch (error) {
    answer = { error: String(error?.message ?? error) };
  }
  console.log(JSON.stringify(answer));
}
