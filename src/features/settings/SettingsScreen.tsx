import { lazy, Suspense, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Trans, useLingui } from '@lingui/react/macro';
import type { DtmfMethod } from '../../phone/types';
import { RegistrationState } from '../../stores/phone-types';
import { callView } from '../../stores/call-view';
import { phoneBridge, prefetchEngine } from '../../stores/phone-bridge-instance';
import { selectSignInError, useRegistrationStore } from '../../stores/registration';
import { useSettingsStore, type SettingsValues } from '../../stores/settings';
import { useWebphoneConfig } from '../../stores/webphone-config';
import { AboutSetting } from './AboutSetting';
import { SupportLogSetting } from './SupportLogSetting';
import type { SettingsErrors } from '../../stores/settings-validation';
import { CallPushSetting } from './CallPushSetting';
import { DevicesSetting } from './DevicesSetting';
import { NotificationsSetting } from './NotificationsSetting';
import { PhoneLinksSetting } from './PhoneLinksSetting';
import { SettingsDisclosure } from './SettingsDisclosure';
import { SignupSetting } from './SignupSetting';
import { TextField } from './TextField';
import { VoicemailSetting } from './VoicemailSetting';
import { LanguageSetting } from './LanguageSetting';
import './settings.css';
import { Screen } from '../../ui/Screen';
import { RevealInSteps } from '../../ui/RevealInSteps';

// Far below the sign-in form: libphonenumber-js (~27 kB gzip) and 245 country names load after the
// screen's first render (issue 10), not before a first visit can see the form.
const NumberRegionSetting = lazy(() =>
  import('./NumberRegionSetting').then((m) => ({ default: m.NumberRegionSetting })),
);

const FIELD_ORDER: (keyof SettingsValues)[] = ['username', 'password', 'domain', 'wsUrl', 'iceServersText'];

/** Route `/settings`: the SIP account, call preferences and notifications. */
export function SettingsScreen() {
  const { t, i18n } = useLingui();
  const values = useSettingsStore((s) => s.values);
  const demoAccounts = useSettingsStore((s) => s.demoAccounts);
  const signedIn = useSettingsStore((s) => s.signedIn);
  const setField = useSettingsStore((s) => s.setField);
  const registrationState = useRegistrationStore((s) => s.state);
  const signInError = useRegistrationStore(selectSignInError);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [callOptionsOpen, setCallOptionsOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  // Issue 13 flags: without Edit Settings a signed-in user cannot change the SIP account; Auto Answer forced.
  const locked = useWebphoneConfig((s) => !s.config.flags.editSettings) && signedIn;
  const autoAnswerForced = useWebphoneConfig((s) => s.config.flags.autoAnswer);
  const formRef = useRef<HTMLFormElement>(null);

  const field = <K extends keyof SettingsValues>(key: K) => ({
    value: values[key],
    onValueChange: (value: SettingsValues[K]) => {
      setField(key, value);
      if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
    },
    error: errors[key],
    id: `settings-${key}`,
  });

  // A sign-in pressed on a first visit may wait for the form's suggestions (session-service.ts): a second
  // press meanwhile is the same request, not a second registration.
  const submitting = useRef(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting.current) return;
    submitting.current = true;
    const result = await phoneBridge.signIn().finally(() => (submitting.current = false));
    if (result.ok) {
      setErrors({});
      return;
    }
    setErrors(result.errors);
    const first = FIELD_ORDER.find((key) => result.errors[key]);
    // A field behind the closed disclosure is shown before it takes focus.
    if (result.errors.iceServersText) flushSync(() => setCallOptionsOpen(true));
    if (first) formRef.current?.querySelector<HTMLElement>(`#settings-${first}`)?.focus();
  };

  const canSignOut = signedIn || registrationState !== RegistrationState.Unregistered;
  // Built when the language or the accounts change, not on every keystroke in the form.
  const demoList = useMemo(
    () => new Intl.ListFormat(i18n.locale, { type: 'unit' }).format(demoAccounts),
    [i18n.locale, demoAccounts],
  );
  const usernameHint = demoAccounts.length > 0 ? t`Demo accounts on this server: ${demoList}` : undefined;

  // The form first (the first visit's first screen), then the groups below it, a commit each. Signed out,
  // the groups a new user needs least wait behind "More settings", drawn only once it is opened: they were
  // most of a first visit's main-thread work after its first paint (docs/performance.md, session 24).
  const group = (key: string, title: ReactNode, body: ReactNode, inMore = false) => (
    <section
      key={key}
      className={inMore ? 'settings-subgroup' : 'settings-group'}
      aria-labelledby={`${key}-title`}
    >
      <h2 id={`${key}-title`} className="settings-group-title">
        {title}
      </h2>
      {body}
    </section>
  );
  const more = (inMore: boolean) => [
    group('devices', <Trans>Audio and video devices</Trans>, <DevicesSetting />, inMore),
    group(
      'notifications',
      <Trans>Notifications</Trans>,
      <>
        <NotificationsSetting />
        {signedIn && <CallPushSetting />}
      </>,
      inMore,
    ),
    // Server-side settings need an account the server accepted: not after a wrong password.
    signedIn && !signInError && group('voicemail', <Trans>Voicemail</Trans>, <VoicemailSetting />),
    group(
      'phone-numbers',
      <Trans>Phone numbers</Trans>,
      <Suspense fallback={null}>
        <NumberRegionSetting />
      </Suspense>,
      inMore,
    ),
    group('phone-links', <Trans>Phone links</Trans>, <PhoneLinksSetting />, inMore),
    group(
      'shortcuts',
      <Trans>Keyboard shortcuts</Trans>,
      <>
        <p className="field-hint">
          <Trans>
            Answer, hang up, mute and more with single keys, on a computer. Press ? anywhere to see them.
          </Trans>
        </p>
        <button
          type="button"
          className="button button-secondary"
          aria-haspopup="dialog"
          onClick={callView.openHelp}
        >
          <Trans>Show keyboard shortcuts</Trans>
        </button>
      </>,
      inMore,
    ),
  ];
  const sections = [
    !signedIn && <SignupSetting key="signup" />,
    group('language', <Trans>Language</Trans>, <LanguageSetting />),
    ...(signedIn
      ? more(false)
      : [
          <SettingsDisclosure
            key="more"
            className="settings-more"
            title={<Trans>More settings</Trans>}
            hint={<Trans>Devices, notifications, phone numbers, phone links, keyboard shortcuts</Trans>}
            open={moreOpen}
            onOpenChange={setMoreOpen}
          >
            {moreOpen && more(true)}
          </SettingsDisclosure>,
        ]),
    <SupportLogSetting key="support-log" />,
    <AboutSetting key="about" />,
  ].filter(Boolean);

  const callOptions = (
    <>
      <TextField
        label={t`ICE servers`}
        multiline
        hint={t`Optional. One per line: stun:host:3478 or turn:user:password@host:3478, or JSON. Leave empty on a local network.`}
        {...field('iceServersText')}
      />
      <div className="field field-checkbox">
        <input
          id="settings-autoAnswer"
          type="checkbox"
          checked={values.autoAnswer}
          disabled={autoAnswerForced}
          aria-describedby={autoAnswerForced ? 'settings-autoAnswer-hint' : undefined}
          onChange={(e) => setField('autoAnswer', e.target.checked)}
        />
        <label htmlFor="settings-autoAnswer">
          <Trans>Auto-answer</Trans>
        </label>
        {autoAnswerForced && (
          <span id="settings-autoAnswer-hint" className="field-hint">
            <Trans>Always on: set by your provider.</Trans>
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="settings-dtmfMethod" className="field-label">
          <Trans>DTMF method</Trans>
        </label>
        <select
          id="settings-dtmfMethod"
          className="field-input"
          value={values.dtmfMethod}
          onChange={(e) => setField('dtmfMethod', e.target.value as DtmfMethod)}
        >
          <option value="auto">{t({ message: 'Auto', context: 'DTMF method' })}</option>
          <option value="rfc4733">RFC 4733</option>
          <option value="info">SIP INFO</option>
        </select>
      </div>
    </>
  );

  return (
    <Screen title={t`Settings`} className="screen-settings">
      {/* Signed out, the phone's code is fetched once the visitor starts on the form (issue 10). */}
      <form
        ref={formRef}
        className="settings-form"
        onSubmit={(e) => void onSubmit(e)}
        onFocus={signedIn ? undefined : prefetchEngine}
        noValidate
      >
        <fieldset className="settings-group" disabled={locked}>
          <legend>
            <Trans>Account</Trans>
          </legend>
          {locked && (
            <p className="field-hint">
              <Trans>Your provider manages these settings.</Trans>
            </p>
          )}
          <TextField label={t`Display name`} autoComplete="name" {...field('displayName')} />
          <TextField
            label={t`Username`}
            dir="ltr"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            hint={usernameHint}
            required
            {...field('username')}
          />
          <TextField
            label={t`Password`}
            type="password"
            autoComplete="current-password"
            required
            {...field('password')}
          />
          <TextField
            label={t`Domain`}
            dir="ltr"
            autoCapitalize="off"
            spellCheck={false}
            inputMode="url"
            required
            {...field('domain')}
          />
          <TextField
            label={t`WebSocket URL`}
            dir="ltr"
            type="url"
            autoCapitalize="off"
            spellCheck={false}
            required
            {...field('wsUrl')}
          />
        </fieldset>

        {signedIn && (
          <fieldset className="settings-group">
            <legend>
              <Trans>Calls</Trans>
            </legend>
            {callOptions}
          </fieldset>
        )}

        {signInError && (
          <div className="settings-error" role="alert" data-testid="sign-in-error">
            {signInError}
          </div>
        )}

        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={locked}>
            <Trans>Sign in</Trans>
          </button>
          {/* Offered once there is something to end: a session, a registration, a refused attempt. */}
          {canSignOut && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void phoneBridge.signOut()}
            >
              <Trans>Sign out</Trans>
            </button>
          )}
        </div>

        {!signedIn && (
          // Signed out, the account and Sign in fill a phone's first screen: the call options wait below,
          // behind a disclosure (saved with the sign-in; signed in, they are a group above the buttons).
          <SettingsDisclosure
            title={<Trans>Call options</Trans>}
            hint={<Trans>ICE servers, auto-answer, DTMF</Trans>}
            open={callOptionsOpen}
            onOpenChange={setCallOptionsOpen}
          >
            {callOptions}
          </SettingsDisclosure>
        )}
      </form>

      {/* The form commits first; each later step adds one group. */}
      <RevealInSteps parts={sections} />
    </Screen>
  );
}
