// A tiny ai-runner-compatible server for the integration tests (shared spec: ai.md §7.3): the same routes, request
// shapes, data-URI media and errors as livepeer/ai-runner, with deterministic stand-in models: text-to-image draws a
// real PNG from the seed, llm echoes the last user message (also as server-sent events), image-to-video returns PNG
// frames, text-to-speech a WAV tone.
//   node ai-test-runner.cjs --port 8000 [--token T] [--mode normal|hang] [--pipeline P] [--model M]
// mode hang accepts jobs and never answers (a runner that times out). A prompt of "hold" waits for POST /test/release.
'use strict';
const http = require('http');
const zlib = require('zlib');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const port = Number(args.port);
const mode = args.mode || 'normal';
let held = [];
let inFlight = 0;
let maxInFlight = 0;
let jobs = 0;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
// An RGB PNG whose gradient depends on the seed.
function png(width, height, seed) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; header[10] = 0; header[11] = 0; header[12] = 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255 / width + seed) & 0xff;
      raw[row + 2 + x * 3] = (y * 255 / height + seed * 7) & 0xff;
      raw[row + 3 + x * 3] = (seed * 13) & 0xff;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function wav(seconds) {
  const rate = 16000, samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0); head.writeUInt32LE(36 + data.length, 4); head.write('WAVE', 8); head.write('fmt ', 12);
  head.writeUInt32LE(16, 16); head.writeUInt16LE(1, 20); head.writeUInt16LE(1, 22); head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28); head.writeUInt16LE(2, 32); head.writeUInt16LE(16, 34); head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}
const dataUri = (type, buf) => `data:${type};base64,${buf.toString('base64')}`;
function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function formField(body, name) {
  const m = body.toString('latin1').match(new RegExp(`name="${name}"\\r\\n(?:[^\\r]*\\r\\n)*\\r\\n([^\\r]*)\\r\\n`));
  return m ? m[1] : undefined;
}

async function job(path, req, body, res) {
  if (path === '/text-to-image') {
    const p = JSON.parse(body);
    if (!p.prompt) return json(res, 400, { detail: { msg: 'Prompt must be provided.' } });
    if (p.prompt === 'hold') await new Promise(resolve => held.push(resolve));
    const seed = p.seed ?? Math.floor(Math.random() * 2 ** 31);
    const images = [];
    for (let i = 0; i < (p.num_images_per_prompt ?? 1); i++)
      images.push({ url: dataUri('image/png', png(p.width, p.height, seed + i)), seed: seed + i, nsfw: false });
    return json(res, 200, { images });
  }
  if (path === '/llm') {
    const p = JSON.parse(body);
    const last = [...p.messages].reverse().find(m => m.role === 'user');
    const words = ('echo: ' + (last ? last.content : '')).split(' ');
    const hold = last?.content === 'hold';
    const base = { id: 'chatcmpl-test', model: p.model || args.model || '', created: Math.floor(Date.now() / 1000) };
    const usage = { prompt_tokens: p.messages.length, completion_tokens: words.length, total_tokens: p.messages.length + words.length };
    if (!p.stream)
      return json(res, 200, { ...base, usage, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: words.join(' ') } }] });
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    // A last user message of "hold" keeps the stream open after its first chunk until POST /test/release.
    for (const [i, w] of words.entries()) {
      const last = i === words.length - 1;
      res.write(`data: ${JSON.stringify({ ...base, usage, choices: [{ index: 0, finish_reason: last ? 'stop' : '', delta: { role: 'assistant', content: (i ? ' ' : '') + w } }] })}\n\n`);
      if (i === 0 && !last && hold) await new Promise(resolve => held.push(resolve));
    }
    res.write('data: [DONE]\n\n');
    return res.end();
  }
  if (path === '/image-to-video') {
    const seed = Number(formField(body, 'seed') ?? 42);
    const frames = [0, 1, 2, 3].map(i => ({ url: dataUri('image/png', png(64, 64, seed + i * 40)), seed, nsfw: false }));
    return json(res, 200, { frames: [frames] });
  }
  if (path === '/text-to-speech') {
    const p = JSON.parse(body);
    if (!p.text) return json(res, 400, { detail: { msg: 'Text input must be provided.' } });
    return json(res, 200, { audio: { url: dataUri('audio/wav', wav(0.2)) } });
  }
  return json(res, 404, { detail: 'Not Found' });
}

const server = http.createServer((req, res) => {
  const path = req.url.replace(/\/$/, '');
  if (req.method === 'GET' && path === '/health') return json(res, 200, { status: 'OK' });
  if (req.method === 'GET' && path === '/hardware/info')
    return json(res, 200, { pipeline: args.pipeline || '', model_id: args.model || '', gpu_info: {} });
  if (req.method === 'GET' && path === '/test/stats') return json(res, 200, { jobs, inFlight, maxInFlight });
  if (req.method === 'POST' && path === '/test/release') {
    const count = held.length; held.forEach(r => r()); held = [];
    return json(res, 200, { released: count });
  }
  if (req.method === 'GET' && path === '/test/held') return json(res, 200, { held: held.length });
  const parts = [];
  req.on('data', d => parts.push(d));
  req.on('end', async () => {
    if (args.token && req.headers.authorization !== `Bearer ${args.token}`)
      return json(res, 401, { detail: { msg: 'Invalid bearer token.' } }, { 'WWW-Authenticate': 'Bearer' });
    if (mode === 'hang') return; // never answers
    jobs++; inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
    try { await job(path, req, Buffer.concat(parts), res); }
    catch (e) { json(res, 500, { detail: { msg: `${path} pipeline error.` } }); }
    finally { inFlight--; }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`ai-test-runner listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
