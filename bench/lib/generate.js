import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

const topics = [
  'the history of tea',
  'binary search trees',
  'tidal energy',
  'Roman aqueducts',
  'sourdough starters',
  'the Krebs cycle',
  'Baroque music',
  'glacier formation',
];

/**
 * Writes a batch input file of `requests` chat requests, padded so the whole file is close to
 * `targetBytes`: the shape of a real large job (long prompts), generated without holding it in memory.
 * Reuses a file from an earlier run when it has the same size. `choices` asks for that many answers
 * per request (`n`): a result file of about the input's size, for the download benchmark.
 */
export async function generateBatchFile(
  path,
  { requests = 50_000, targetBytes = 200 * 1024 * 1024, choices = 1 } = {},
) {
  if (existsSync(path) && Math.abs(statSync(path).size - targetBytes) < targetBytes * 0.02) return path;
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const skeleton = JSON.stringify(line(0, '', choices)).length + 1;
  const padLength = Math.max(0, Math.floor(targetBytes / requests) - skeleton);
  const filler = 'Please consider every detail of the context given here. '
    .repeat(Math.ceil(padLength / 56) + 1)
    .slice(0, padLength);
  for (let i = 0; i < requests; i++) {
    if (!out.write(JSON.stringify(line(i, filler, choices)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function line(i, filler, choices) {
  return {
    custom_id: `request-${i + 1}`,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
      messages: [
        { role: 'system', content: `You are a concise expert. ${filler}` },
        { role: 'user', content: `Explain ${topics[i % topics.length]} in three sentences (item ${i + 1}).` },
      ],
      max_tokens: 300,
      ...(choices > 1 ? { n: choices } : {}),
    },
  };
}

/** The word the results bench searches for: it appears once, in the record `needleAt` from the end. */
export const NEEDLE = 'quasar-marmalade';

/**
 * Writes a batch output file of `lines` results (chat completions with long answers), about
 * `targetBytes` in all, in a shuffled-looking order as servers write them. One answer near the end
 * holds NEEDLE. Reuses a file from an earlier run when it has the same size.
 */
export async function generateOutputFile(
  path,
  { lines = 50_000, targetBytes = 200 * 1024 * 1024, needleFromEnd = 10 } = {},
) {
  if (existsSync(path) && Math.abs(statSync(path).size - targetBytes) < targetBytes * 0.02) return path;
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const skeleton = JSON.stringify(outputLine(0, lines, '')).length + 1;
  const padLength = Math.max(0, Math.floor(targetBytes / lines) - skeleton);
  const filler = 'Each point follows from the one before it, and the evidence is clear. '
    .repeat(Math.ceil(padLength / 70) + 1)
    .slice(0, padLength);
  for (let i = 0; i < lines; i++) {
    const text = i === lines - needleFromEnd ? `${filler.slice(0, -NEEDLE.length - 1)} ${NEEDLE}` : filler;
    if (!out.write(JSON.stringify(outputLine(i, lines, text)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function outputLine(i, lines, text) {
  // A fixed permutation: output order differs from input order, as on real servers.
  const n = ((i * 7919) % lines) + 1;
  return {
    id: `batch_req_${String(i).padStart(8, '0')}`,
    custom_id: `request-${n}`,
    response: {
      status_code: 200,
      request_id: `req_${i}`,
      body: {
        id: `chatcmpl-${i}`,
        object: 'chat.completion',
        created: 1733832777,
        model: 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo',
        choices: [{ index: 0, message: { role: 'assistant', content: `Answer ${n}. ${text}` }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 42, completion_tokens: 900, total_tokens: 942 },
      },
    },
    error: null,
  };
}
