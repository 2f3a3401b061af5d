// Load check (a benchmark, not a test): N concurrent clients post edits for a fixed time against a
// running server; prints throughput, p50/p99 latency and that every answer was a success or a 429.
// Usage: BASE_URL=http://127.0.0.1:PORT CLIENTS=8 SECONDS=30 STEPS=20 node load.mjs
import fs from 'node:fs';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL is not set');
const clients = Number(process.env.CLIENTS || 8);
const seconds = Number(process.env.SECONDS || 30);
const steps = String(process.env.STEPS || 20);
const image = fs.readFileSync(new URL('../examples/melt.png', import.meta.url));
const deadline = Date.now() + seconds * 1000;
const latencies = [];
const counts = {};

async function client() {
  while (Date.now() < deadline) {
    const form = new FormData();
    form.append('image', new Blob([image], { type: 'image/png' }), 'melt.png');
    form.append('prompt', 'What would happen if the ice cube was left in the sun?');
    form.append('steps', steps);
    const t0 = performance.now();
    const res = await fetch(base + '/v1/images/edits', { method: 'POST', body: form });
    await res.arrayBuffer();
    counts[res.status] = (counts[res.status] || 0) + 1;
    if (res.status === 200) latencies.push(performance.now() - t0);
    if (res.status === 429) await new Promise(r => setTimeout(r, 200));
  }
}

const t0 = Date.now();
await Promise.all(Array.from({ length: clients }, client));
const wall = (Date.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = p => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(0) : 'n/a';
const other = Object.keys(counts).filter(k => k !== '200' && k !== '429');
console.log(`clients ${clients}, ${wall.toFixed(1)} s, steps ${steps}: ${counts[200] || 0} edits (${((counts[200] || 0) / wall).toFixed(2)}/s), `
  + `${counts[429] || 0} answered 429, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, other statuses: ${other.length ? JSON.stringify(counts) : 'none'}`);
if (other.length) process.exit(1);
