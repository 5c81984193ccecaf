/**
 * The benchmark's search clients, in a process of their own so that their work does not
 * share the server's event loop: N concurrent clients, each sending its share of the
 * queries one after another. Usage: run-ts.js atlas-search-clients.ts URL KEY QUERIES.json N
 * Prints the latencies (ms) as JSON.
 */
import { readFileSync } from 'node:fs';

const [url, key, queriesFile, clientsText] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(queriesFile!, 'utf8')) as unknown[];
const clients = Number(clientsText);
const perClient = Math.floor(bodies.length / clients);
const latencies: number[] = [];
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; i < perClient; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url}/search`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(bodies[c * perClient + i]) });
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      await response.json();
      latencies.push(performance.now() - t0);
    }
  }),
);
process.stdout.write(JSON.stringify(latencies));
