// A conversation with the AgentRec hub through the official JavaScript SignalR client (@microsoft/signalr),
// the same package the chat page ships. Prints every turn's events as one JSON document on stdout.
// Usage: node conversation.mjs <service base url> <folder holding node_modules/@microsoft/signalr> <user id>
import { createRequire } from 'node:module';
import path from 'node:path';

const [, , baseUrl, clientRoot, userId] = process.argv;
if (!baseUrl || !clientRoot || !userId) {
  console.error('usage: node conversation.mjs <base url> <client folder> <user id>');
  process.exit(2);
}

const require = createRequire(path.join(clientRoot, 'package.json'));
const signalR = require('@microsoft/signalr');

const connection = new signalR.HubConnectionBuilder()
  .withUrl(new URL('/hubs/recommend', baseUrl).href)
  .configureLogging(signalR.LogLevel.Warning)
  .build();

function recommend(request) {
  return new Promise((resolve, reject) => {
    const events = [];
    connection.stream('Recommend', request).subscribe({
      next: (event) => events.push(event),
      complete: () => resolve(events),
      error: reject,
    });
  });
}

await connection.start();
const first = await recommend({ message: 'three highly rated sci-fi films from the 90s, nothing like horror', userId });
const conversationId = first.at(-1)?.conversationId ?? null;
const liked = first.find((e) => e.type === 'item')?.item?.itemId;
const ack = await connection.invoke('Feedback', { userId, itemId: liked, conversationId, signal: 'like' });
const refined = await recommend({ message: 'something newer', userId, conversationId });
const invalid = await recommend({ message: '   ', userId });
const chinese = await recommend({ message: '推荐两部喜剧', userId });
await connection.stop();

process.stdout.write(JSON.stringify({ first, ack, refined, invalid, chinese }) + '\n');
