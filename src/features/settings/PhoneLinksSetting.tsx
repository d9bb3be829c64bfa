import { Trans, useLingui } from '@lingui/react/macro';
import { useState } from 'react';
import { canRegisterPhoneLinks, registerPhoneLinks } from '../../lib/protocol-handlers';

/** "Open phone links with Openline": registers tel:/sip: handlers when the user presses the button. */
export function PhoneLinksSetting() {
  const { t, i18n } = useLingui();
  const supported = canRegisterPhoneLinks(navigator);
  // What the user did last (null: nothing yet), so the text follows a later change of language.
  const [outcome, setOutcome] = useState<{ schemes: readonly string[] } | { error: string } | null>(null);

  const register = () => {
    const result = registerPhoneLinks(navigator, window.location.origin);
    setOutcome(result.ok ? { schemes: result.schemes } : { error: result.error });
  };

  let status: string;
  if (outcome === null)
    status = supported
      ? t`Open tel: and sip: links on web pages with Openline. A link fills the dialpad; you still press Call.`
      : t`This browser cannot open phone links with a web app. Installed, Openline opens them on Android and desktop Chrome.`;
  else if ('schemes' in outcome) {
    const schemes = new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(
      outcome.schemes.map((s) => `${s}:`),
    );
    status = t`Asked the browser to open ${schemes} links with Openline. Confirm in the browser’s prompt if it shows one.`;
  } else status = outcome.error;

  return (
    <div className="settings-phone-links">
      <p id="phone-links-status" className="field-hint" aria-live="polite">
        {status}
      </p>
      {supported && (
        <button
          type="button"
          className="button button-secondary"
          aria-describedby="phone-links-status"
          onClick={register}
        >
          <Trans>Open phone links with Openline</Trans>
        </button>
      )}
    </div>
  );
}
