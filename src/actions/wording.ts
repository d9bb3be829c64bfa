/**
 * The sentences the action layer says to people: form validation and action results. This layer is also
 * run by the reference server (Node, no build step, so no Lingui macros): it speaks English by default,
 * and the browser installs the user's language once (src/stores/action-wording.ts), so each sentence is
 * worded in the language active when it is made.
 */
export interface ActionWording {
  required(label: string): string;
  tick(label: string): string;
  email(): string;
  phone(): string;
  number(): string;
  digits(): string;
  url(): string;
  chooseOption(): string;
  /** A multiple select with fewer than `count` options chosen (said under the field). */
  chooseAtLeast(count: number): string;
  /** A multiple select with more than `count` options chosen (said under the field). */
  chooseAtMost(count: number): string;
  badFormat(label: string): string;
  calling(target: string): string;
  notOpened(reason: string): string;
  opened(url: string, newTab: boolean): string;
  savedOutcome(outcome: string): string;
  answered(): string;
  callEnded(): string;
  micToggled(): string;
  nextLead(): string;
}

export const ENGLISH_WORDING: ActionWording = {
  required: (label) => `${label} is required.`,
  tick: (label) => `Tick “${label}”.`,
  email: () => 'Enter an e-mail address such as name@example.com.',
  phone: () => 'Enter a phone number (digits, spaces, + * # -).',
  number: () => 'Enter a number.',
  digits: () => 'Enter digits only.',
  url: () => 'Enter a web address starting with http:// or https://.',
  chooseOption: () => 'Choose one of the options.',
  chooseAtLeast: (count) => (count === 1 ? 'Choose at least 1 option.' : `Choose at least ${count} options.`),
  chooseAtMost: (count) => (count === 1 ? 'Choose at most 1 option.' : `Choose at most ${count} options.`),
  badFormat: (label) => `${label} is not in the expected format.`,
  calling: (target) => `Calling ${target}`,
  notOpened: (reason) => `Not opened: ${reason}`,
  opened: (url, newTab) => (newTab ? `Opened ${url} in a new tab` : `Opened ${url}`),
  savedOutcome: (outcome) => `Saved outcome ${outcome}`,
  answered: () => 'Answered',
  callEnded: () => 'Call ended',
  micToggled: () => 'Microphone toggled',
  nextLead: () => 'Next lead',
};

let current: ActionWording = ENGLISH_WORDING;

/** The browser's language for this layer's sentences (called once at start by the stores). */
export function installActionWording(wording: ActionWording): void {
  current = wording;
}

export function wording(): ActionWording {
  return current;
}
