/**
 * The text of a synthetic answer. Deterministic in (conversation, seed); it quotes or reuses
 * words of the last user message, so a reader can see that an output line belongs to its
 * request, and it recognises a few common batch tasks so demo results read plausibly.
 */

export interface AnswerInput {
  /** Every text of the request (system prompt included), to recognise the task. */
  conversation: string;
  /** The last thing the user said; the answer refers to it. */
  question: string;
  /** Hex digest of the canonical request; picks the wording. */
  seed: string;
}

/** Rough token count, as OpenAI suggests for English: four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function composeAnswer({ conversation, question, seed }: AnswerInput): string {
  const pick = picker(seed);
  const topic = excerpt(question, 80);
  const task = TASKS.find((t) => t.pattern.test(conversation));
  if (task) return task.answer(pick, topic, keywords(question), conversation);
  return [pick(OPENERS).replace('{topic}', topic), pick(MIDDLES), pick(CLOSERS)].filter(Boolean).join(' ');
}

type Pick = <T>(options: readonly T[]) => T;

function picker(seed: string): Pick {
  let cursor = 0;
  return <T>(options: readonly T[]): T => {
    const digits = seed.slice(cursor % (seed.length - 3), (cursor % (seed.length - 3)) + 4);
    cursor += 4;
    return options[Number.parseInt(digits, 16) % options.length] as T;
  };
}

/** The first words of a text, whitespace collapsed, cut at a word boundary. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

function keywords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}\p{N}-]{4,}/gu) ?? [];
  const unique = [...new Set(words)].filter((w) => !STOPWORDS.has(w));
  return unique.sort((a, b) => b.length - a.length).slice(0, 4);
}

const STOPWORDS = new Set([
  'about',
  'above',
  'after',
  'again',
  'being',
  'below',
  'could',
  'every',
  'their',
  'there',
  'these',
  'those',
  'where',
  'which',
  'while',
  'would',
  'should',
  'please',
  'following',
  'answer',
  'question',
]);

interface Task {
  pattern: RegExp;
  answer: (pick: Pick, topic: string, words: string[], conversation: string) => string;
}

/** Labels a prompt offers, as in "one label: Politics, Economy, Sports or Weather". */
function offeredLabels(conversation: string): string[] {
  const m = /:\s*((?:[A-Z][\w-]*(?: [\w-]+)?, )+[A-Z][\w-]*(?: [\w-]+)?,? or [A-Z][\w-]*(?: [\w-]+)?)/.exec(
    conversation,
  );
  if (!m?.[1]) return [];
  return m[1]
    .split(/,\s*(?:or\s+)?|\s+or\s+/)
    .map((l) => l.trim().replace(/[.,]$/, ''))
    .filter(Boolean);
}

const POSITIVE = /\b(great|best|love|excellent|exactly as described|value|perfect|happy|recommend)\b/i;
const NEGATIVE = /\b(stopped|broken|cracked|confusing|louder|cheap|refund|worst|disappoint|late|never)\b/i;

function sentimentOf(text: string, pick: Pick): string {
  const positive = POSITIVE.test(text);
  const negative = NEGATIVE.test(text);
  if (positive && negative) return 'mixed';
  if (positive) return 'positive';
  if (negative) return 'negative';
  return pick(['neutral', 'mixed', 'positive']);
}

const TASKS: readonly Task[] = [
  {
    pattern: /sentiment/i,
    answer: (pick, topic) =>
      `Sentiment: ${sentimentOf(topic, pick)}. ${pick(['The text is mostly about', 'The strongest signal comes from', 'The tone is set by'])} "${excerpt(topic, 60)}".`,
  },
  {
    pattern: /keyword|key phrases/i,
    answer: (_pick, topic, words) => `Keywords: ${(words.length > 0 ? words : [excerpt(topic, 30)]).join(', ')}`,
  },
  {
    pattern: /translat/i,
    answer: (pick, topic) =>
      `${pick(['Translation', 'Translated text'])}: «${topic}» (names and numbers kept as in the source).`,
  },
  {
    pattern: /classif|categor|\blabel\b/i,
    answer: (pick, topic, _words, conversation) => {
      const labels = offeredLabels(conversation);
      const label = pick(labels.length > 0 ? labels : ['General', 'Other']);
      return `Category: ${label}. Based on "${excerpt(topic, 60)}".`;
    },
  },
  {
    pattern: /\boutline\b/i,
    answer: (pick, topic) =>
      `Title: ${excerpt(topic.replace(/^topic:\s*/i, ''), 60)}\n1. Why it matters\n2. ${pick(['Getting started', 'The basics', 'Common mistakes'])}\n3. A worked example\n4. ${pick(['Tools that help', 'What to measure', 'Scaling up'])}\n5. Next steps`,
  },
  {
    pattern: /action items/i,
    answer: (pick, topic) => {
      const owner = /\b([A-Z][a-z]+)\b(?= (?:to|will)\b)/.exec(topic)?.[1] ?? pick(['Alex', 'Jordan', 'Sam']);
      return `- ${excerpt(topic.replace(/^notes \d+:\s*/i, ''), 70)} (owner: ${owner})\n- Share the notes with the team (owner: ${pick(['Alex', 'Jordan', 'Robin'])})`;
    },
  },
  {
    pattern: /subject lines?/i,
    answer: (pick, topic) => {
      const base = excerpt(topic.replace(/^campaign \d+:\s*/i, ''), 40).replace(/\.$/, '');
      return `1. ${base}\n2. ${pick(['Last chance:', "Don't miss:", 'Inside:'])} ${base}\n3. ${pick(['Your update:', 'New for you:', 'Quick read:'])} ${base}`;
    },
  },
  {
    pattern: /rate .* from 1 to 5|score/i,
    answer: (pick, topic) =>
      `Score: ${pick(['3', '4', '4', '5', '2'])}/5. The answer to "${excerpt(topic, 50)}" is ${pick(['correct but terse', 'clear and complete', 'missing a step', 'accurate, could link the settings page'])}.`,
  },
  {
    pattern: /summar|tl;dr/i,
    answer: (pick, topic) =>
      `Summary: ${topic} ${pick([
        'The main issue is stated first; the rest is context.',
        'Two points matter: what happened and what is expected next.',
        'Nothing unusual stands out; it reads as routine.',
      ])}`,
  },
  {
    pattern: /\bsql\b/i,
    answer: (pick, _topic, words) =>
      `SELECT ${pick(['id, name', 'customer_id, SUM(amount) AS total', 'COUNT(*) AS n'])} FROM ${pick(['users', 'orders', 'subscriptions'])} ${pick(
        [
          'WHERE created_at >= CURRENT_DATE - INTERVAL 30 DAY',
          'GROUP BY 1 ORDER BY 2 DESC LIMIT 10',
          "WHERE status = 'active'",
        ],
      )}; -- ${words.slice(0, 3).join(', ')}`,
  },
];

const OPENERS = [
  'Here is a short answer to "{topic}".',
  'You asked: "{topic}".',
  'About "{topic}":',
  'Regarding "{topic}", in brief:',
];

const MIDDLES = [
  'The short version is that it depends on the context, but the usual answer holds in most cases.',
  'There are three things to consider: the cost, the time it takes, and how reliable the result needs to be.',
  'The most common approach works well here; start simple and refine only if the results fall short.',
  'The evidence points one way fairly clearly, with a few exceptions worth keeping in mind.',
  'It is best answered step by step: define the goal, check the constraints, then pick the simplest option that fits.',
];

const CLOSERS = [
  '',
  'Let me know if you want more detail.',
  'I hope this helps.',
  'A longer answer would add examples.',
];
