/**
 * Embedding (issue 13): started by the app shell only when the app runs inside a frame, and loaded
 * with import() so pages that are not framed never fetch it. Wires the host link to the app's stores:
 * the allow-list and role come from the webphone configuration once the server has answered this page
 * (the role is never cached, so a known role means a fresh answer), calls and registration from the
 * phone stores, webcall links from the Agent tab's webcall panel.
 */
import { useCallsStore } from '../stores/calls';
import { CallState, RegistrationState } from '../stores/phone-types';
import { phoneBridge } from '../stores/phone-bridge-instance';
import { useRegistrationStore } from '../stores/registration';
import { useWebphoneConfig } from '../stores/webphone-config';
import { callEvents } from './call-events';
import { createHostLink, type HostWindow } from './host-link';

/** The link's default lifetime, as in the Agent tab's form. */
const WEBCALL_LINK_EXPIRY_S = 3600;

export function startEmbed(win: Window = window): void {
  const liveCalls = () => {
    const { calls, order } = useCallsStore.getState();
    return order
      .map((id) => calls[id])
      .filter((c) => c !== undefined && c.state !== CallState.Ended)
      .map((c) => ({ id: c!.id }));
  };
  const link = createHostLink({
    parent: win.parent as unknown as HostWindow,
    target: win,
    allowedOrigins: () => {
      const { role, config } = useWebphoneConfig.getState();
      return role === null ? null : config.embed.allowedOrigins;
    },
    registrationState: () => useRegistrationStore.getState().state,
    registered: () => useRegistrationStore.getState().state === RegistrationState.Registered,
    role: () => useWebphoneConfig.getState().role,
    liveCalls,
    dial: (number) => phoneBridge.dial(number, false),
    lastCallError: () => useCallsStore.getState().error,
    hangup: (callId) => phoneBridge.hangup(callId),
    async createWebcallLink(ticket, name) {
      const { webcallAgent } = await import('../stores/webcall-agent-instance');
      await webcallAgent.create({
        customerName: name,
        ticket,
        phone: '',
        password: '',
        expiresInS: WEBCALL_LINK_EXPIRY_S,
      });
      const { link, error } = webcallAgent.useStore.getState();
      if (!link) throw new Error(error ?? 'The link could not be created.');
      return { url: link.url, expiresAt: link.expiresAt };
    },
  });

  useRegistrationStore.subscribe((next, before) => {
    if (next.state !== before.state) link.emit('registration', { state: next.state });
  });
  const seen = new Map<string, Set<'registration' | 'incoming' | 'answered' | 'ended'>>();
  callEvents(useCallsStore.getState().calls, seen); // calls before the host said hello are not news
  useCallsStore.subscribe((next, before) => {
    if (next.calls === before.calls) return;
    for (const { event, data } of callEvents(next.calls, seen)) link.emit(event, data);
  });
}
