import type { ChatEngine, ChatSink, PeerAddress, SendOutcome } from '../../phone/chat/types';

/** The engine's chat part for store tests: records what was sent, answers sends as told. */
export class FakeChat implements ChatEngine {
  sink: ChatSink | null = null;
  readonly sent: { peer: PeerAddress; id: string; body: string }[] = [];
  readonly log: string[] = [];
  /** What the next sendMessage resolves with. */
  nextOutcome: SendOutcome = { ok: true, status: 200 };

  setChatSink(sink: ChatSink | null): void {
    this.sink = sink;
  }

  sendMessage(peer: PeerAddress, id: string, body: string): Promise<SendOutcome> {
    this.sent.push({ peer, id, body });
    return Promise.resolve(this.nextOutcome);
  }

  composing(peer: PeerAddress): void {
    this.log.push(`composing ${peer}`);
  }

  composingStopped(peer: PeerAddress): void {
    this.log.push(`stopped ${peer}`);
  }

  sendDisplayed(peer: PeerAddress, messageIds: readonly string[]): void {
    this.log.push(`displayed ${peer} ${messageIds.join(',')}`);
  }
}
