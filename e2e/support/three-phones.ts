/**
 * Helpers for the three-phone call journeys (transfer.spec.ts, lines.spec.ts): media proven by
 * getStats(), axe on a part of the page, and screenshots at the phone and desktop sizes.
 */
import { axeOn } from './axe';
import type { Page } from '@playwright/test';
import { expect, type Phone } from './phone';

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

export async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const { violations } = await axeOn(page).include(selector).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** `page` at 390x844 and at 1280x800 into `dir`; the page is left at the desktop size. */
export async function screenshots(page: Page, dir: string, name: string): Promise<void> {
  await page.setViewportSize(PHONE_VIEWPORT);
  await page.screenshot({ path: `${dir}/${name}-390.png` });
  await page.setViewportSize(DESKTOP_VIEWPORT);
  await page.screenshot({ path: `${dir}/${name}-1280.png` });
}

/**
 * `phone` has `calls` live peer connections (an ended call's media cannot count) and hears the other
 * side: inbound audio packets and energy rise (the fake microphone plays a tone; a held call's is silent).
 */
export async function expectHearing(phone: Phone, calls = 1, opts: { energy?: boolean } = {}): Promise<void> {
  await expect
    .poll(
      async () => {
        const { before, after } = await phone.mediaDelta(1000);
        if (after.livePeerConnections !== calls) return `${after.livePeerConnections} live peer connections`;
        const packets = after.audio.packetsReceived - before.audio.packetsReceived;
        const energy = after.audio.totalAudioEnergy - before.audio.totalAudioEnergy;
        const heard = opts.energy === false || energy > 0;
        return packets > 20 && heard ? 'hearing' : `${packets} packets, energy ${energy}`;
      },
      { message: `${phone.user} hears the other side`, timeout: 15_000, intervals: [0] },
    )
    .toBe('hearing');
}

/** `phone` receives no audio energy (every call it has is held, by either side). */
export async function expectSilence(phone: Phone): Promise<void> {
  await expect
    .poll(
      async () => {
        const { before, after } = await phone.mediaDelta(1000);
        const energy = after.audio.totalAudioEnergy - before.audio.totalAudioEnergy;
        return energy === 0 ? 'silent' : `energy ${energy}`;
      },
      { message: `${phone.user} hears nothing`, timeout: 15_000, intervals: [0] },
    )
    .toBe('silent');
}

export async function connected(caller: Phone, callee: Phone, target: string): Promise<void> {
  await caller.dial(target);
  await callee.answer();
  await expect(caller.callStatus).toHaveText('Connected');
}

/** The call screen of `phone`, with the other party's number on it. */
export function callWith(phone: Phone, number: string) {
  return phone.page.getByRole('region', { name: /^Call with / }).filter({ hasText: number });
}

/** On failure: each phone's SIP frames (first line and Call-ID), to tell a race from slowness. */
export function sipSummary(phone: Phone): string {
  return phone.sipFrames
    .map((f) => `${f.direction === 'sent' ? '>>' : '<<'} ${f.text.split('\r\n', 1)[0]} ${callIdOf(f.text)}`)
    .join('\n');
}

export function callIdOf(message: string): string {
  return /^Call-ID:\s*(\S+)/im.exec(message)?.[1] ?? '(no Call-ID)';
}
