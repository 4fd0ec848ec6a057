// Bad hub calls through the official JavaScript SignalR client (@microsoft/signalr): wrong argument types and
// counts, lone surrogates, a number as the feedback item id, arguments nested 100 deep. Prints, as one JSON
// document, what each call got back (the stream's events or the error message) and whether the connection was
// still open and answering afterwards.
// Usage: node hostile.mjs <service base url> <folder holding node_modules/@microsoft/signalr>
import { createRequire } from 'node:module';
import path from 'node:path';

const [, , baseUrl, clientRoot] = process.argv;
if (!baseUrl || !clientRoot) {
  console.error('usage: node hostile.mjs <base url> <client folder>');
  process.exit(2);
}

const require = createRequire(path.join(clientRoot, 'package.json'));
const signalR = require('@microsoft/signalr');

const connection = new signalR.HubConnectionBuilder()
  .withUrl(new URL('/hubs/recommend', baseUrl).href)
  .configureLogging(signalR.LogLevel.None)
  .build();

function nested(depth) {
  let value = { message: 'comedies' };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function stream(args) {
  return new Promise((resolve) => {
    const events = [];
    connection.stream('Recommend', ...args).subscribe({
      next: (event) => events.push(event),
      complete: () => resolve({ events }),
      error: (err) => resolve({ events, error: String(err?.message ?? err) }),
    });
  });
}

async function invoke(args) {
  try {
    return { result: await connection.invoke('Feedback', ...args) };
  } catch (err) {
    return { error: String(err?.message ?? err) };
  }
}

const cases = [
  ['recommend-number', 'Recommend', [12345]],
  ['recommend-string', 'Recommend', ['just a string']],
  ['recommend-boolean', 'Recommend', [true]],
  ['recommend-array', 'Recommend', [[1, 2, 3]]],
  ['recommend-message-number', 'Recommend', [{ message: 42 }]],
  ['recommend-message-object', 'Recommend', [{ message: { text: 'comedies' } }]],
  ['recommend-userid-number', 'Recommend', [{ message: 'comedies', userId: 7 }]],
  ['recommend-conversation-array', 'Recommend', [{ message: 'comedies', conversationId: ['x'] }]],
  ['recommend-lone-high-surrogate', 'Recommend', [{ message: 'comedies \ud800 lone' }]],
  ['recommend-lone-low-surrogate', 'Recommend', [{ message: '\udc00 comedies' }]],
  ['recommend-two-arguments', 'Recommend', [{ message: 'comedies' }, 5]],
  ['recommend-no-argument', 'Recommend', []],
  ['feedback-itemid-number', 'Feedback', [{ userId: 'js-hostile', itemId: 1, signal: 'like' }]],
  ['feedback-signal-array', 'Feedback', [{ userId: 'js-hostile', itemId: '1', signal: ['like'] }]],
  ['feedback-lone-surrogate', 'Feedback', [{ userId: 'js-hostile', itemId: '1\ud800', signal: 'like' }]],
  ['feedback-unknown-item', 'Feedback', [{ userId: 'js-hostile', itemId: 'no-such-item', signal: 'like' }]],
  ['recommend-nested-100', 'Recommend', [nested(100)]],
  ['feedback-nested-100', 'Feedback', [nested(100)]],
];

await connection.start();
const outcomes = {};
for (const [name, method, args] of cases) {
  outcomes[name] = method === 'Recommend' ? await stream(args) : await invoke(args);
}

const stateAfter = connection.state;
const after = await stream([{ message: 'two comedies' }]);
await connection.stop();
console.log(JSON.stringify({ outcomes, stateAfter, after }));
