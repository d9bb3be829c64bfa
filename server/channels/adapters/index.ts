import type { ChannelKind } from '../../../src/api/channels-schemas';
import { genericAdapter } from './generic';
import type { ChannelAdapter } from './types';
import { viberAdapter } from './viber';
import { whatsappAdapter } from './whatsapp';

export const ADAPTERS: Record<ChannelKind, ChannelAdapter> = {
  generic: genericAdapter,
  whatsapp: whatsappAdapter,
  viber: viberAdapter,
};
export type { ChannelAdapter, InboundMessage, OutboundMessage } from './types';
