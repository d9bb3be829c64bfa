/**
 * The signed-in user's own voicemail settings (never anyone else's: the username comes from the
 * session, no route takes one):
 *   GET    /api/voicemail/settings   → VoicemailSettings
 *   PUT    /api/voicemail/settings   VoicemailSettingsUpdate (JSON) → VoicemailSettings
 *   GET    /api/voicemail/greeting   the greeting callers hear (theirs, else the default) as Ogg/Opus
 *   DELETE /api/voicemail/greeting   back to the default → VoicemailSettings
 * The upload (`PUT /api/voicemail/greeting`, multipart) is in ./greeting-upload.ts.
 */
import { createReadStream } from 'node:fs';
import { VoicemailSettingsUpdate, type VoicemailSettings } from '../../src/api/voicemail-schemas';
import type { RequestContext, SessionUser } from '../api/router';
import type { RouteModule } from '../api/routes';
import type { VoicemailSettingsStore } from './settings-store';
import { DEFAULT_GREETING, encodeOggOpus, synthesize } from './tone';

export interface SettingsRoutesOptions {
  settings: VoicemailSettingsStore;
  /** VOICEMAIL_NO_ANSWER_MS */
  defaultNoAnswerMs: number;
}

/** What the API answers about `user`'s settings. */
export function settingsView(o: SettingsRoutesOptions, user: string): VoicemailSettings {
  return {
    ...o.settings.get(user),
    defaultNoAnswerMs: o.defaultNoAnswerMs,
    greeting: o.settings.hasGreeting(user) ? 'custom' : 'default',
  };
}

let defaultOgg: Buffer | undefined;

export function voicemailSettingsRoutes(o: SettingsRoutesOptions): RouteModule {
  const user = (ctx: RequestContext) => (ctx.user as SessionUser).username;
  return (router) => {
    router.get('/api/voicemail/settings', (ctx) => settingsView(o, user(ctx)), { auth: true });
    router.put(
      '/api/voicemail/settings',
      async (ctx) => {
        o.settings.set(user(ctx), await ctx.body(VoicemailSettingsUpdate));
        return settingsView(o, user(ctx));
      },
      { auth: true },
    );
    router.get(
      '/api/voicemail/greeting',
      (ctx) => {
        const reply = ctx.reply.header('Cache-Control', 'private, no-store').type('audio/ogg');
        if (o.settings.hasGreeting(user(ctx))) {
          return reply.send(createReadStream(o.settings.greetingPath(user(ctx))));
        }
        defaultOgg ??= encodeOggOpus(synthesize(DEFAULT_GREETING));
        return reply.send(defaultOgg);
      },
      { auth: true },
    );
    router.delete(
      '/api/voicemail/greeting',
      (ctx) => {
        o.settings.deleteGreeting(user(ctx));
        return settingsView(o, user(ctx));
      },
      { auth: true },
    );
  };
}
