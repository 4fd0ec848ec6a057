// Copies the browser builds of the npm dependencies into wwwroot/lib, so every asset is served by the app.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "wwwroot", "lib");
mkdirSync(target, { recursive: true });
const assets = [
  ["@microsoft/signalr/dist/browser/signalr.min.js", "signalr.min.js"],
  ["@microsoft/signalr/dist/browser/signalr.min.js.map", "signalr.min.js.map"],
];
for (const [from, to] of assets) {
  copyFileSync(join(here, "node_modules", from), join(target, to));
}
console.log(`copied ${assets.length} assets into ${target}`);
