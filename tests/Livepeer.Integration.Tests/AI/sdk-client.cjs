// Calls the node's AI gateway through the official npm SDKs @livepeer/ai (and livepeer, Studio's), unchanged, with serverURL pointed at the
// test node, and prints what the SDK returned (or threw) as one JSON line for the test to check.
//   NODE_PATH=.tools/ai-sdks/node_modules node sdk-client.cjs <serverURL> <case>
'use strict';
const { Livepeer } = require('@livepeer/ai');
const errors = require('@livepeer/ai/models/errors');

const [serverURL, scenario, file] = process.argv.slice(2);
const livepeer = new Livepeer({ serverURL, httpBearer: 'test-key' });

function describe(e) {
  const kind = e instanceof errors.HTTPError ? 'HTTPError'
    : e instanceof errors.HTTPValidationError ? 'HTTPValidationError'
    : e instanceof errors.SDKValidationError ? 'SDKValidationError'
    : e instanceof errors.SDKError ? 'SDKError' : e.constructor.name;
  return { error: kind, message: e.message, detail: e.detail ?? null, statusCode: e.statusCode ?? e.rawResponse?.status ?? null };
}

const scenarios = {
  async 'text-to-image'() {
    const result = await livepeer.generate.textToImage({ prompt: 'a cat', modelId: 'test/t2i', width: 64, height: 64, seed: 7 });
    const image = result.imageResponse.images[0];
    const png = Buffer.from(await (await fetch(image.url)).arrayBuffer());
    return { statusCode: result.statusCode, url: image.url, seed: image.seed, nsfw: image.nsfw, bytes: png.length, signature: png.subarray(1, 4).toString('ascii') };
  },
  async 'studio-text-to-image'() {
    // npm livepeer 3.5.0 sends its requests to <serverURL>/api/generate/<pipeline> (shared spec: ai.md §4.1).
    const { Livepeer: Studio } = require('livepeer');
    const studio = new Studio({ serverURL, apiKey: 'studio-key' });
    const result = await studio.generate.textToImage({ prompt: 'a dog', modelId: 'test/t2i', width: 32, height: 32, seed: 3 });
    const image = result.imageResponse.images[0];
    return { statusCode: result.statusCode, url: image.url, seed: image.seed };
  },
  async llm() {
    const result = await livepeer.generate.llm({ messages: [{ role: 'user', content: 'hello node' }], model: 'test/llm' });
    const r = result.llmResponse;
    return { statusCode: result.statusCode, content: r.choices[0].message.content, finishReason: r.choices[0].finishReason, totalTokens: r.usage.totalTokens, model: r.model };
  },
  async 'llm-stream'() {
    const result = await livepeer.generate.llm({ messages: [{ role: 'user', content: 'hello node' }], model: 'test/llm', stream: true });
    return { statusCode: result.statusCode, contentType: result.contentType };
  },
  async 'image-to-text'() {
    const content = require('fs').readFileSync(file);
    const result = await livepeer.generate.imageToText({ image: { fileName: 'text.png', content }, modelId: 'paddleocr/PP-OCRv4' });
    return { statusCode: result.statusCode, text: result.imageToTextResponse.text };
  },
  async 'runner-error'() {
    const result = await livepeer.generate.textToImage({ prompt: '', modelId: 'test/t2i', width: 64, height: 64 });
    return { statusCode: result.statusCode };
  },
  async 'no-runner'() {
    const result = await livepeer.generate.textToImage({ prompt: 'a cat', modelId: 'test/no-such-model' });
    return { statusCode: result.statusCode };
  },
};

scenarios[scenario]()
  .then(r => console.log(JSON.stringify(r)))
  .catch(e => console.log(JSON.stringify(describe(e))));
