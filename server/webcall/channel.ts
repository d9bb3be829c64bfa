/**
 * "Send via channel": the link goes to an outbound webhook (bring your own SMS/WhatsApp gateway). The
 * body is modelled on Webex Connect's conversation-initiation payload, so a Webex Connect flow (or any
 * gateway) can start the conversation from it.
 */
import { errorMessage } from '../../src/lib/errors';
export interface ChannelMessage {
  /** Which system started the conversation. */
  systemId: 'openline';
  channel: 'sms' | 'whatsapp';
  /** The customer's address on the channel (phone number). */
  channelId: string;
  action: 'initiateConversation';
  agentId: string;
  contactName: string;
  roomId: string;
  message: { type: 'text'; text: string };
  /** Epoch ms. */
  timestamp: number;
}

export class ChannelError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export async function postToChannel(
  url: string,
  message: ChannelMessage,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 8000,
): Promise<number> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ChannelError(0, `The messaging webhook is unreachable: ${errorMessage(error)}`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok)
    throw new ChannelError(response.status, `The messaging webhook answered ${response.status}.`);
  return response.status;
}
