/** Locators of the Chat tab and a conversation, shared by the e2e/chat specs. */
import type { Phone } from './phone';

export const chatTab = (phone: Phone) =>
  phone.page.getByRole('navigation').getByRole('link', { name: /^Chat/ });
export const composer = (phone: Phone) => phone.page.getByRole('textbox', { name: 'Message', exact: true });
/** A conversation row by its peer (the name needs the directory, which is not what the specs prove). */
export const conversationRow = (phone: Phone, user: string) =>
  phone.page.locator(`a[href="/messages/${encodeURIComponent(`sip:${user}@openline.local`)}"]`);
export const thread = (phone: Phone) => phone.page.getByRole('list', { name: /^Messages with/ });
