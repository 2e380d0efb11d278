/**
 * Realistic request lines for the demo jobs: a system prompt per task and user messages built
 * from small word lists, varied by index (deterministic, no randomness).
 */

export interface DemoTask {
  system: string;
  user: (i: number) => string;
  maxTokens: number;
}

const nth = <T>(list: readonly T[], i: number, stride = 1): T => list[(i * stride) % list.length] as T;

const PRODUCTS = [
  'wireless earbuds',
  'standing desk',
  'espresso machine',
  'trail running shoes',
  'robot vacuum',
  'mechanical keyboard',
  'air purifier',
  'camping stove',
  'e-reader',
  'baby monitor',
  'smart thermostat',
  'cast-iron skillet',
];
const VERDICTS = [
  'works exactly as described',
  'stopped working after two weeks',
  'is great value for the price',
  'arrived with a cracked case',
  'is louder than I expected',
  'is the best purchase I made this year',
  'has a confusing setup app',
  'feels cheap but does the job',
];
const ISSUES = [
  'I was charged twice for my March invoice',
  'the app logs me out every few minutes',
  'my parcel shows delivered but nothing arrived',
  'I cannot reset my password, the email never comes',
  'the export to CSV button does nothing',
  'I want to downgrade my plan before renewal',
  "the dashboard shows last week's numbers",
  'two-factor codes are rejected as expired',
];
const HEADLINES = [
  'Central bank holds rates steady as inflation cools',
  'Local team clinches title in overtime thriller',
  'New battery chemistry promises faster charging',
  'City council approves bike lane expansion',
  'Streaming service raises prices for the second time this year',
  'Researchers map deep-sea vents off the coast',
  'Chipmaker reports record quarterly revenue',
  'Heatwave prompts water restrictions in the south',
];
const ARTICLES = [
  'How to rotate API keys without downtime',
  'Setting up single sign-on with Okta',
  'Understanding your monthly invoice',
  'Exporting reports to spreadsheets',
  'Troubleshooting webhook delivery failures',
  'Managing team roles and permissions',
];
const QUESTIONS = [
  'monthly active users by country for the last quarter',
  'the ten customers with the highest lifetime value',
  'orders that shipped late in February',
  'average basket size per store',
  'churned subscriptions grouped by plan',
  'daily signups over the past 30 days',
];
const TOPICS = [
  'remote onboarding for engineers',
  'choosing a vector database',
  "a beginner's guide to sourdough",
  'reducing cloud costs in 2025',
  'writing accessible web forms',
  'planning a product launch',
];
const CLAUSES = [
  'The Supplier shall indemnify the Customer against all third-party claims arising from the Services.',
  'Either party may terminate this Agreement with ninety (90) days written notice.',
  'Liability under this Agreement shall not exceed the fees paid in the preceding twelve months.',
  'All intellectual property created under this Agreement vests in the Customer upon payment.',
];

export const TASKS = {
  sentiment: {
    system:
      'You are a sentiment analysis assistant. Classify the sentiment of the product review as positive, negative, neutral or mixed, and justify it in one sentence.',
    user: (i) => `Review #${1000 + i}: The ${nth(PRODUCTS, i)} ${nth(VERDICTS, i, 3)}.`,
    maxTokens: 60,
  },
  triage: {
    system:
      'You triage customer support tickets. Classify each ticket into one category: Billing, Technical issue, Account access, Shipping, Product feedback or Other.',
    user: (i) => `Ticket ${4200 + i}: Hello, ${nth(ISSUES, i, 5)}. Can you help?`,
    maxTokens: 40,
  },
  translate: {
    system: 'Translate the product description from French to English. Keep brand names and measurements unchanged.',
    user: (i) =>
      `SKU-${String(10000 + i)}: ${nth(['Chaise de bureau ergonomique', 'Lampe de chevet en laiton', 'Sac à dos imperméable 30 L', 'Bouilloire électrique 1,7 L', 'Tapis de yoga antidérapant', 'Casserole en inox 24 cm'], i, 7)}, ${nth(['livrée montée', 'garantie deux ans', 'coloris sable', 'compatible lave-vaisselle'], i, 3)}.`,
    maxTokens: 120,
  },
  keywords: {
    system:
      'Extract the five most important keywords from the help-centre article title and summary. Answer as a comma-separated list.',
    user: (i) =>
      `Article: "${nth(ARTICLES, i)}". Summary: step-by-step instructions for administrators, with screenshots and common pitfalls (revision ${1 + (i % 9)}).`,
    maxTokens: 40,
  },
  legal: {
    system:
      'You are a paralegal. Summarise the contract clause in plain English in at most two sentences and flag any unusual risk.',
    user: (i) => `Clause ${i + 1}: ${nth(CLAUSES, i)}`,
    maxTokens: 400,
  },
  digest: {
    system: "Summarise the week's internal updates into a short digest for the all-hands email.",
    user: (i) =>
      `Team ${nth(['Platform', 'Growth', 'Billing', 'Mobile', 'Data'], i)} update, week ${10 + (i % 5)}: shipped ${1 + (i % 4)} features, closed ${12 + i} tickets, one incident resolved within SLA.`,
    maxTokens: 200,
  },
  headlines: {
    system:
      'Classify the news headline into one label: Politics, Economy, Sports, Science, Technology, Culture or Weather.',
    user: (i) => `Headline: ${nth(HEADLINES, i, 3)} (${2024 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')})`,
    maxTokens: 20,
  },
  faq: {
    system: 'Rate the FAQ answer from 1 to 5 for correctness and clarity, then explain the score briefly.',
    user: (i) =>
      `Q: How do I ${nth(['change my billing address', 'invite a teammate', 'enable two-factor authentication', 'export my data', 'cancel my subscription'], i)}? A: Go to Settings and follow the prompts (variant ${i}).`,
    maxTokens: 300,
  },
  subjects: {
    system: 'Write three alternative email subject lines for the campaign below, each under 60 characters.',
    user: (i) =>
      `Campaign ${i + 1}: ${nth(['spring sale, 20% off outdoor gear', 'new feature: shared dashboards', 'webinar invite on data privacy', 'loyalty points expiring soon', 'customer story from a logistics firm'], i, 3)}.`,
    maxTokens: 80,
  },
  interviews: {
    system:
      'Summarise the customer interview notes: the main pain point, the workaround they use today, and one quote.',
    user: (i) =>
      `Interview ${i + 1} with ${nth(['a logistics manager', 'a head of finance', 'a solo founder', 'an IT administrator', 'a data analyst'], i)}: they spend hours each week on ${nth(['reconciling invoices', 'chasing approvals', 'merging spreadsheets', 'answering the same support questions'], i, 3)}.`,
    maxTokens: 150,
  },
  outlines: {
    system: 'Write a blog post outline with a title and five section headings.',
    user: (i) => `Topic: ${nth(TOPICS, i)} (audience: ${nth(['beginners', 'team leads', 'developers'], i)})`,
    maxTokens: 250,
  },
  sql: {
    system: 'Write a single SQL query for the analyst question. Tables: users, orders, subscriptions, stores.',
    user: (i) => `Question ${i + 1}: show ${nth(QUESTIONS, i)}.`,
    maxTokens: 150,
  },
  actions: {
    system: 'List the action items from the meeting notes, one per line, with an owner for each.',
    user: (i) =>
      `Notes ${i + 1}: ${nth(['Dana to send the pricing draft', 'Lee will book the venue', 'Sam to fix the flaky test', 'Priya to review the contract'], i)}; follow-up ${nth(['on Friday', 'next sprint', 'before the board meeting'], i)}.`,
    maxTokens: 120,
  },
  math: {
    system: 'Solve the math word problem and give only the final number.',
    user: (i) => `A train travels ${40 + i} km in ${1 + (i % 3)} hours. What is its average speed in km/h?`,
    maxTokens: 20,
  },
} satisfies Record<string, DemoTask>;

export type TaskName = keyof typeof TASKS;

/** One chat request line, as the fizz.ai guide writes them. */
export function chatLine(
  customId: string,
  model: string,
  task: DemoTask,
  i: number,
  extraBody: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model,
      messages: [
        { role: 'system', content: task.system },
        { role: 'user', content: task.user(i) },
      ],
      max_tokens: task.maxTokens,
      ...extraBody,
    },
  });
}

export function chatFile(
  count: number,
  model: string,
  taskName: TaskName,
  extraBody: Record<string, unknown> = {},
): string {
  const task = TASKS[taskName];
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(chatLine(`${taskName}-${String(i + 1).padStart(5, '0')}`, model, task, i, extraBody));
  return `${lines.join('\n')}\n`;
}

/** Image-captioning requests for the vision model (text + image parts). */
export function visionFile(count: number, model: string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        custom_id: `caption-${i + 1}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: {
          model,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: `Write alt text for product photo ${i + 1} of the ${nth(PRODUCTS, i, 5)}.` },
                { type: 'image_url', image_url: { url: `https://example.com/catalogue/photo-${i + 1}.jpg` } },
              ],
            },
          ],
          max_tokens: 80,
        },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function embeddingsFile(count: number, model: string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        custom_id: `doc-${i + 1}`,
        method: 'POST',
        url: '/v1/embeddings',
        body: { model, input: `${nth(ARTICLES, i)} — section ${1 + (i % 7)}`, dimensions: 256 },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A file with a few classic mistakes, for the job that fails validation. */
export function brokenFile(model: string): string {
  const task = TASKS.math;
  const lines: string[] = [];
  for (let i = 0; i < 16; i++) {
    const line = 1 + i;
    if (line === 3)
      lines.push('{"custom_id": "math-3", "method": "POST", "url": "/v1/chat/completions", "body": {"model": ');
    else if (line === 6)
      lines.push(
        JSON.stringify({
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model, messages: [{ role: 'user', content: task.user(i) }] },
        }),
      );
    else if (line === 9) lines.push(chatLine('math-9', 'meta-llama/Llama-2-70b-chat-hf', task, i));
    else if (line === 12) lines.push(chatLine('math-4', model, task, i));
    else if (line === 14)
      lines.push(chatLine('math-14', model, task, i).replace('/v1/chat/completions', '/v1/completions'));
    else lines.push(chatLine(`math-${line}`, model, task, i));
  }
  return `${lines.join('\n')}\n`;
}
