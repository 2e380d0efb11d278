import { connect, type Socket } from 'node:net';
import type { RunningServer } from '../../src/server/index.js';

/** Raw HTTP/1.1 over a socket, for requests no HTTP client would send. */

export interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

export function openSocket(server: RunningServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with everything the server sent once it closes the connection. */
export function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
  });
}

/** Sends `bytes` as they are and reads the one answer (the server is expected to close after it). */
export async function rawRequest(server: RunningServer, bytes: string): Promise<RawAnswer> {
  const socket = await openSocket(server);
  const closed = untilClosed(socket);
  socket.write(bytes);
  return parseAnswer(await closed);
}

export function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  return { status, head, body: split < 0 ? '' : text.slice(split + 4) };
}

/** Resolves with the first whole answer (head and content-length body), the connection left open. */
export function nextAnswer(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let received = '';
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('utf8');
      const answer = parseAnswer(received);
      const length = Number(/^content-length: (\d+)$/im.exec(answer.head)?.[1] ?? NaN);
      if (Buffer.byteLength(answer.body) >= length) {
        socket.off('data', onData);
        resolve(answer);
      }
    };
    socket.on('data', onData);
  });
}
