import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignView } from '../api/schemas';
import { CallState } from '../phone/types';
import type { AgentApi } from '../api/agent';
import { createAgentWorkspace } from './agent-workspace';
import { INITIAL_CALLS_STATE, useCallsStore } from './calls';
import { makeCall } from './testing/fake-engine';

const view = (name: string): CampaignView => ({
  campaign: { id: 'c', name: 'Demo' },
  lead: {
    id: 1,
    name,
    company: '',
    phone: '1003',
    alt_phone: '1002',
    phone_code: '',
    notes: '',
    status: 'assigned',
    outcome: null,
  },
  remaining: 2,
  done: 0,
});

function setup() {
  const api: AgentApi = {
    buttons: vi.fn(async () => ({
      buttons: [
        { id: 'mic', label: 'Toggle mic', fn: 'toggleMic', sort_order: 2 },
        { id: 'a', label: 'A', sort_order: 1 },
      ],
      dropped: 1,
    })),
    form: vi.fn(async () => ({ id: 'f', name: 'F', fields: [{ type: 'text', name: 'x', required: true }] })),
    runButton: vi.fn(async () => ({ __: {} })),
    submitForm: vi.fn(async () => ({ __: { action: { name: 'next' } } })),
    campaign: vi.fn(async () => view('Cleo')),
    next: vi.fn(async () => view('Dana')),
    save: vi.fn(async () => view('Cleo')),
  };
  const bridge = {
    dial: vi.fn(async () => 'call-1'),
    answer: vi.fn(async () => undefined),
    hangup: vi.fn(async () => undefined),
    toggleMute: vi.fn(),
  };
  const browser = { origin: 'https://app.example', openTab: vi.fn(), navigateInApp: vi.fn() };
  const ws = createAgentWorkspace({ api, bridge, browser });
  return { api, bridge, browser, ws };
}

beforeEach(() => useCallsStore.setState(INITIAL_CALLS_STATE));

describe('agent workspace glue', () => {
  it('loads buttons in sort_order and the lead; notes malformed buttons in the trace', async () => {
    const { ws } = setup();
    await ws.load();
    const state = ws.useStore.getState();
    expect(state.buttons.map((b) => b.id)).toEqual(['a', 'mic']);
    expect(state.campaign?.lead?.name).toBe('Cleo');
    expect(state.trace[0]?.message).toMatch(/1 button definition/);
  });

  it('phone port: makeCall(alt_phone) dials through the bridge; toggleMic mutes the live call', async () => {
    const { ws, bridge } = setup();
    await ws.load();
    expect((await ws.run('makeCall(alt_phone)', 'test')).status).toBe('ok');
    expect(bridge.dial).toHaveBeenCalledWith('1002', false);
    expect((await ws.run('toggleMic', 'test')).message).toBe('There is no connected call to mute.');
    useCallsStore.setState({
      calls: { c1: makeCall({ id: 'c1', state: CallState.Active }) },
      order: ['c1'],
      foregroundId: 'c1',
    });
    expect((await ws.run('toggleMic', 'test')).message).toBe('Microphone muted');
    expect(bridge.toggleMute).toHaveBeenCalledWith('c1');
  });

  it('navigation: same-origin _self stays in the app, anything else opens a tab', async () => {
    const { ws, browser } = setup();
    await ws.run('redirect(/history, false)', 't');
    await ws.run('redirect(https://crm.example/x, true, _self)', 't');
    expect(browser.navigateInApp).toHaveBeenCalledWith('/history');
    expect(browser.openTab).toHaveBeenCalledWith('https://crm.example/x');
  });

  it('forms: validation blocks submit, then the answer chains into next', async () => {
    const { ws, api } = setup();
    await ws.load();
    await ws.run('openForm(f)', 't');
    expect(await ws.submit()).toBeNull();
    expect(ws.useStore.getState().formErrors).toEqual({ x: 'x is required.' });
    ws.setValue('x', 'hello');
    expect((await ws.submit())?.status).toBe('ok');
    expect(api.submitForm).toHaveBeenCalledWith('f', { x: 'hello' }, { call: null, lead_id: 1 });
    expect(ws.useStore.getState().form).toBeNull();
    expect(ws.useStore.getState().campaign?.lead?.name).toBe('Dana');
  });
});
