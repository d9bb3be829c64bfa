/**
 * What a phone label or a channel is called on screen. The stored values stay the English keys of
 * lib/contacts/model ("mobile", "whatsapp"); a label the user typed or imported is shown as it is.
 * Channel names are brands and are not translated (only "SMS" is written the same everywhere too).
 */
import type { I18n, MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { Channel } from '../../lib/contacts/model';

const PHONE_LABEL_NAMES: Record<string, MessageDescriptor> = {
  mobile: msg({ message: 'Mobile', context: 'phone number label' }),
  work: msg({ message: 'Work', context: 'phone number label' }),
  home: msg({ message: 'Home', context: 'phone number label' }),
  main: msg({ message: 'Main', context: 'phone number label' }),
  other: msg({ message: 'Other', context: 'phone number label' }),
  // The company directory lists each account's extension under this label.
  extension: msg({ message: 'Extension', context: 'phone number label' }),
};

const CHANNEL_NAMES: Record<Channel, string> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  viber: 'Viber',
  messenger: 'Messenger',
};

export function phoneLabelName(label: string, i18n: I18n): string {
  const known = Object.hasOwn(PHONE_LABEL_NAMES, label) ? PHONE_LABEL_NAMES[label] : undefined;
  return known ? i18n._(known) : label;
}

export function channelName(channel: string): string {
  return Object.hasOwn(CHANNEL_NAMES, channel) ? CHANNEL_NAMES[channel as Channel] : channel;
}
