import { plural, t } from '@lingui/core/macro';
import { installActionWording, type ActionWording } from '../actions/wording';

/**
 * The action layer's sentences in the user's language (src/actions/wording.ts: that layer also runs on the
 * server, without the build that compiles Lingui's macros). Each is worded when it is made.
 */
const translated: ActionWording = {
  required: (label) => t`${label} is required.`,
  tick: (label) => t`Tick “${label}”.`,
  email: () => t`Enter an e-mail address such as name@example.com.`,
  phone: () => t`Enter a phone number (digits, spaces, + * # -).`,
  number: () => t`Enter a number.`,
  digits: () => t`Enter digits only.`,
  url: () => t`Enter a web address starting with http:// or https://.`,
  chooseOption: () => t`Choose one of the options.`,
  // The same sentences as the field's hint (src/ui/forms/FormField.tsx): one catalog entry each.
  chooseAtLeast: (count) =>
    plural(count, { one: 'Choose at least # option.', other: 'Choose at least # options.' }),
  chooseAtMost: (count) =>
    plural(count, { one: 'Choose at most # option.', other: 'Choose at most # options.' }),
  badFormat: (label) => t`${label} is not in the expected format.`,
  calling: (target) => t`Calling ${target}`,
  notOpened: (reason) => t`Not opened: ${reason}`,
  opened: (url, newTab) => (newTab ? t`Opened ${url} in a new tab` : t`Opened ${url}`),
  savedOutcome: (outcome) => t`Saved outcome ${outcome}`,
  answered: () => t`Answered`,
  callEnded: () => t`Call ended`,
  micToggled: () => t`Microphone toggled`,
  nextLead: () => t`Next lead`,
};

/** Imported by the stores that run actions or validate forms, before either happens. */
installActionWording(translated);
