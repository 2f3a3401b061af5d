// The official openai package calling images.edit against a running ReasonBrain server.
// Usage: BASE_URL=http://127.0.0.1:PORT node openai-client.mjs
import fs from 'node:fs';
import OpenAI, { toFile } from 'openai';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL is not set');
const client = new OpenAI({ baseURL: base + '/v1', apiKey: 'not-needed-locally', maxRetries: 0 });

const image = await toFile(fs.createReadStream(new URL('../examples/seesaw.png', import.meta.url)), 'seesaw.png', { type: 'image/png' });
const res = await client.images.edit({
  image,
  prompt: 'What would happen if the elephant and the mouse sat on the two ends of the seesaw?',
  n: 1,
  response_format: 'b64_json',
  // Our own fields travel as extra multipart fields.
  steps: 4,
  seed: 1,
});
if (!Array.isArray(res.data) || res.data.length !== 1) throw new Error('expected one image, got ' + JSON.stringify(res).slice(0, 200));
const png = Buffer.from(res.data[0].b64_json, 'base64');
const signature = png.subarray(0, 8).toString('hex');
if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG: ' + signature);
const width = png.readUInt32BE(16);
const height = png.readUInt32BE(20);
if (width !== 64 || height !== 64) throw new Error(`expected 64x64, got ${width}x${height}`);
// Our warnings field: an array, empty for a ReasonWorld scene (docs/ood-warning.md).
if (!Array.isArray(res.warnings) || res.warnings.length !== 0) throw new Error('expected warnings [], got ' + JSON.stringify(res.warnings));
console.log(`openai images.edit: ok, ${png.length} byte PNG ${width}x${height}, category ${res.data[0].reasonbrain?.category}`);

// A bad request surfaces as the SDK's typed error with the OpenAI error object.
try {
  await client.images.edit({ image: await toFile(Buffer.from('hello'), 'a.txt', { type: 'text/plain' }), prompt: 'What if?' });
  throw new Error('a text file was accepted');
} catch (e) {
  if (!(e instanceof OpenAI.APIError) || e.status !== 415 || e.code !== 'unsupported_image_type') throw e;
  console.log(`openai error path: ok, ${e.status} ${e.code}`);
}
