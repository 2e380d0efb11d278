import type { Endpoint, SimSettings } from '../types.js';
import { brokenFile, chatFile, embeddingsFile, visionFile } from './requests.js';

/**
 * The demo jobs. Each is an ordinary batch, back-dated and given its own pace, so that when the
 * server starts the engine has brought them to the intended status: several running (one visibly
 * moving, one with 5,000 requests), one in each of validating, finalizing and cancelling, one
 * failed validation, one expired, one cancelled, completed ones with some or all requests failed,
 * and plain completed ones. Ages and durations are in simulated seconds.
 */
export interface DemoScenario {
  description: string;
  filename: string;
  content: () => string;
  endpoint?: Endpoint;
  ageSeconds: number;
  /** Cancel this long after creation. */
  cancelAfterSeconds?: number;
  sim?: Partial<Omit<SimSettings, 'speed'>>;
}

const LLAMA_8B = 'fizzai/Meta-Llama-3.1-8B-Instruct-Turbo';
const LLAMA_70B = 'fizzai/Meta-Llama-3.3-70B-Instruct-Turbo';
const LLAMA_405B = 'fizzai/Meta-Llama-3.1-405B-Instruct-Turbo';
const R1 = 'deepseek-ai/DeepSeek-R1';
const V3 = 'deepseek-ai/DeepSeek-V3-0324';
const GEMMA = 'google/gemma-3-27b-it';
const QWEN_VL = 'Qwen/Qwen2.5-VL-7B-Instruct';

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  // Plain completed jobs, oldest first.
  {
    description: 'Embeddings for the docs search index',
    filename: 'docs-embeddings.jsonl',
    endpoint: '/v1/embeddings',
    content: () => embeddingsFile(30, 'text-embedding-3-small'),
    ageSeconds: 3 * DAY + 2 * HOUR,
    sim: { failRate: 0 },
  },
  {
    description: 'SQL generation from analyst questions',
    filename: 'analyst-sql.jsonl',
    content: () => chatFile(60, V3, 'sql'),
    ageSeconds: 2 * DAY + 5 * HOUR,
  },
  {
    description: 'Blog post outlines for Q2 content calendar',
    filename: 'blog-outlines-q2.jsonl',
    content: () => chatFile(25, LLAMA_405B, 'outlines'),
    ageSeconds: DAY + 3 * HOUR,
    sim: { failRate: 0 },
  },
  {
    description: 'Alt text for catalogue photos (vision)',
    filename: 'photo-alt-text.jsonl',
    content: () => visionFile(15, QWEN_VL),
    ageSeconds: 30 * HOUR,
  },
  {
    description: 'Action items from sprint meeting notes',
    filename: 'meeting-actions.jsonl',
    content: () => chatFile(120, LLAMA_8B, 'actions'),
    ageSeconds: 9 * HOUR,
  },
  // Completed, partly failed; completed with every request failed (a bad parameter on every line).
  {
    description: 'Customer-interview summaries, batch 2',
    filename: 'interviews-batch2.jsonl',
    content: () => chatFile(80, LLAMA_70B, 'interviews'),
    ageSeconds: 6 * HOUR,
    sim: { failRate: 0.15 },
  },
  {
    description: 'Product subject lines, temperature sweep (misconfigured)',
    filename: 'subject-sweep.jsonl',
    content: () => chatFile(12, LLAMA_8B, 'subjects', { temperature: 2.5 }),
    ageSeconds: 4 * HOUR,
  },
  // Failed validation, with errors on several lines.
  {
    description: 'Eval run: math word problems (v2 prompts)',
    filename: 'math-eval-v2.jsonl',
    content: () => brokenFile(LLAMA_8B),
    ageSeconds: 3 * HOUR,
  },
  // Expired: far too slow for its window, created 26 hours ago.
  {
    description: 'Headline classification, low-priority lane',
    filename: 'headlines-backfill.jsonl',
    content: () => chatFile(400, GEMMA, 'headlines'),
    ageSeconds: 26 * HOUR,
    sim: { requestsPerSecond: 0.003 },
  },
  // Cancelled two hours into the run.
  {
    description: 'Re-score FAQ answers with R1',
    filename: 'faq-rescore.jsonl',
    content: () => chatFile(300, R1, 'faq'),
    ageSeconds: 5 * HOUR,
    cancelAfterSeconds: 2 * HOUR,
    sim: { requestsPerSecond: 0.02 },
  },
  // Running slowly for hours, a few failures.
  {
    description: 'Keyword extraction for help-centre articles',
    filename: 'helpcentre-keywords.jsonl',
    content: () => chatFile(1200, V3, 'keywords'),
    ageSeconds: 2 * HOUR,
    sim: { requestsPerSecond: 0.05, failRate: 0.05 },
  },
  // Cancelling, for a long while.
  {
    description: 'Email subject-line A/B variants',
    filename: 'subject-ab.jsonl',
    content: () => chatFile(500, LLAMA_8B, 'subjects'),
    ageSeconds: 3 * MIN,
    cancelAfterSeconds: 2 * MIN,
    sim: { requestsPerSecond: 1, cancellingSeconds: 15 * MIN },
  },
  // Running: 5,000 requests, about half done.
  {
    description: 'Catalogue translation FR→EN, 5k SKUs',
    filename: 'catalogue-fr-en.jsonl',
    content: () => chatFile(5000, LLAMA_70B, 'translate'),
    ageSeconds: 10 * MIN,
    sim: { requestsPerSecond: 4, failRate: 0.01 },
  },
  {
    description: 'Support ticket triage, March backlog',
    filename: 'tickets-march.jsonl',
    content: () => chatFile(240, LLAMA_70B, 'triage'),
    ageSeconds: 200,
    sim: { requestsPerSecond: 0.5 },
  },
  // Finalizing for a few minutes after a quick run.
  {
    description: 'Weekly digest summaries for all-hands',
    filename: 'weekly-digest.jsonl',
    content: () => chatFile(40, LLAMA_8B, 'digest'),
    ageSeconds: MIN,
    sim: { requestsPerSecond: 5, finalizingSeconds: 10 * MIN },
  },
  // Running visibly: a few requests per second.
  {
    description: 'Nightly product-review sentiment (EN)',
    filename: 'reviews-sentiment.jsonl',
    content: () => chatFile(600, LLAMA_8B, 'sentiment'),
    ageSeconds: 40,
    sim: { requestsPerSecond: 3 },
  },
  // Validating for a minute and a half.
  {
    description: 'Legal clause summaries (pilot)',
    filename: 'legal-clauses.jsonl',
    content: () => chatFile(80, R1, 'legal'),
    ageSeconds: 10,
    sim: { validationSeconds: 90 },
  },
];
