import { describe, expect, it } from 'vitest';
import { BatchSchema } from '../../src/api/index.js';
import { finishedMessage } from '../../src/ui/features/job-detail/useJobDetail.js';
import { osc52, terminalClipboard } from '../../src/ui/terminal/clipboard.js';
import { terminalNotifier } from '../../src/ui/terminal/notify.js';

// What a terminal acts on: ESC, BEL and the other C0 controls but none, DEL and every C1 control.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The controls of a written sequence, in order: only the app's own frame may be there. */
function controlsOf(written: string): string[] {
  return [...written.matchAll(CONTROL)].map((m) => m[0]);
}

/** A job as the client hands it to the UI, from a server that puts a C1 OSC 52 in the description. */
function hostileJob(description: string) {
  return BatchSchema.parse({
    id: 'batch_1',
    endpoint: '/v1/chat/completions',
    status: 'completed',
    request_counts: { total: 1, completed: 1, failed: 0 },
    metadata: { description },
  });
}

describe('the OSC 9 notification of a finished job', () => {
  it('writes no C1 control for a description that is an 8-bit OSC 52 (clipboard write)', () => {
    const written: string[] = [];
    const notifier = terminalNotifier((data) => written.push(data), { osc9: true, bell: false }, {});
    notifier.notify(finishedMessage(hostileJob('\u009d52;c;SGVsbG8=\u009c')));
    expect(written).toHaveLength(1);
    expect(controlsOf(written[0]!)).toEqual(['\u001b', '\u0007']);
    expect(written[0]!.startsWith('\u001b]9;fizz-batch: batch \uFFFD52;c;SGVsbG8=\uFFFD completed')).toBe(true);
  });

  it('cannot be ended early or carry a sequence of its own, even from a message nobody sanitized', () => {
    const written: string[] = [];
    const notifier = terminalNotifier((data) => written.push(data), { osc9: true, bell: true }, {});
    notifier.notify('done \u001b]0;title\u0007 \u009b2J \u009d8;;http://evil\u009c \u001b\\ \r\b');
    expect(controlsOf(written[0]!)).toEqual(['\u001b', '\u0007', '\u0007']);
  });

  it('inside tmux, only the passthrough frame carries ESC', () => {
    const written: string[] = [];
    terminalNotifier(
      (data) => written.push(data),
      { osc9: true, bell: false },
      { TMUX: '/tmp/tmux-1/default,1,0' },
    ).notify('x\u001b\\y\u009c');
    // DCS tmux; ESC ESC ] 9 ; … BEL ESC \  — the doubled ESC is tmux's own escaping of the one ESC.
    expect(controlsOf(written[0]!)).toEqual(['\u001b', '\u001b', '\u001b', '\u0007', '\u001b']);
  });

  it('cuts a long description without leaving half an emoji', () => {
    const written: string[] = [];
    terminalNotifier((data) => written.push(data), { osc9: true, bell: false }, {}).notify(
      `${'a'.repeat(199)}😀 and more`,
    );
    expect(written[0]).not.toMatch(/[\uD800-\uDFFF]/u);
  });
});

describe('the OSC 52 copy', () => {
  it('puts sanitized text on the clipboard: a pasted id cannot run a control sequence', () => {
    const written: string[] = [];
    terminalClipboard((data) => written.push(data), {}).copy('batch_1\u001b[201~; rm -rf ~\r\u009b');
    expect(controlsOf(written[0]!)).toEqual(['\u001b', '\u0007']);
    // eslint-disable-next-line no-control-regex
    const payload = /^\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(written[0]!)?.[1];
    expect(Buffer.from(payload!, 'base64').toString('utf8')).toBe('batch_1\uFFFD[201~; rm -rf ~ \uFFFD');
  });

  it('is the same sequence osc52() builds', () => {
    expect(osc52('batch_1', {})).toBe(`\u001b]52;c;${Buffer.from('batch_1').toString('base64')}\u0007`);
  });
});
