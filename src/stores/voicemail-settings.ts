/**
 * Settings → Voicemail: the signed-in user's own voicemail settings, kept in step with the server.
 * A greeting file is checked here first (type and size) so the user gets the same sentence the server
 * would give without waiting for the upload; the server still checks the bytes (Opus, length).
 */
import { t } from '@lingui/core/macro';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { VoicemailSettingsApi } from '../api';
import { GREETING_LIMITS, type VoicemailSettings } from '../api/voicemail-schemas';
import { errorMessage } from '../lib/errors';

export { voicemailGreetingUrl } from '../api/voicemail-settings';

/** The longest greeting accepted, in seconds (Settings says so in the user's language). */
export const GREETING_MAX_SECONDS = GREETING_LIMITS.maxMs / 1000;
export const GREETING_FORMAT_HINT = `Use an Ogg Opus file (.ogg/.opus), up to ${GREETING_LIMITS.maxMs / 1000} s`;

export interface VoicemailSettingsState {
  settings: VoicemailSettings | null;
  busy: boolean;
  /** A sentence for the user when something failed. */
  error: string | null;
  /** Bumped when the greeting changes, so the player reloads it. */
  greetingVersion: number;
  load(): Promise<void>;
  /** noAnswerS null: the server's default; enabled false: voicemail off. */
  save(enabled: boolean, noAnswerS: number | null): Promise<void>;
  upload(file: File): Promise<void>;
  restoreDefaultGreeting(): Promise<void>;
  reset(): void;
}

/** Why a picked file cannot be a greeting, or null when it may be uploaded. */
export function greetingFileProblem(file: Pick<File, 'name' | 'type' | 'size'>): string | null {
  const ogg =
    /\.(ogg|opus|oga)$/i.test(file.name) || /^(audio\/(ogg|opus)|application\/ogg)\b/i.test(file.type);
  if (!ogg) return `${GREETING_FORMAT_HINT}.`;
  if (file.size > GREETING_LIMITS.maxBytes) return `${GREETING_FORMAT_HINT}, at most 1 MiB.`;
  if (file.size === 0) return `${GREETING_FORMAT_HINT}: this file is empty.`;
  return null;
}

export function createVoicemailSettingsStore(
  api: VoicemailSettingsApi,
): UseBoundStore<StoreApi<VoicemailSettingsState>> {
  return create<VoicemailSettingsState>((set, get) => {
    const run = async (what: string, action: () => Promise<VoicemailSettings>, greeting = false) => {
      set({ busy: true, error: null });
      try {
        const settings = await action();
        set((s) => ({
          settings,
          busy: false,
          greetingVersion: greeting ? s.greetingVersion + 1 : s.greetingVersion,
        }));
      } catch (error) {
        set({ busy: false, error: `${what}: ${errorMessage(error)}` });
      }
    };
    return {
      settings: null,
      busy: false,
      error: null,
      greetingVersion: 0,
      load: () => run(t`Could not load your voicemail settings`, () => api.get()),
      save: (enabled, noAnswerS) =>
        run(t`Could not save your voicemail settings`, () => api.save({ enabled, noAnswerS })),
      async upload(file) {
        const problem = greetingFileProblem(file);
        if (problem) return set({ error: problem });
        await run(t`Could not use this greeting`, () => api.uploadGreeting(file, file.name), true);
      },
      restoreDefaultGreeting: () =>
        run(t`Could not go back to the default greeting`, () => api.removeGreeting(), true),
      reset: () =>
        set({ settings: null, error: null, busy: false, greetingVersion: get().greetingVersion + 1 }),
    };
  });
}
