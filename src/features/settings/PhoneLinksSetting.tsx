import { useState } from 'react';
import { canRegisterPhoneLinks, registerPhoneLinks } from '../../lib/protocol-handlers';

/** "Open phone links with Openline": registers tel:/sip: handlers when the user presses the button. */
export function PhoneLinksSetting() {
  const supported = canRegisterPhoneLinks(navigator);
  const [status, setStatus] = useState<string>(
    supported
      ? 'Open tel: and sip: links on web pages with Openline. A link fills the dialpad; you still press Call.'
      : 'This browser cannot open phone links with a web app. Installed, Openline opens them on Android and desktop Chrome.',
  );

  const register = () => {
    const result = registerPhoneLinks(navigator, window.location.origin);
    setStatus(
      result.ok
        ? `Asked the browser to open ${result.schemes.map((s) => `${s}:`).join(' and ')} links with Openline. Confirm in the browser's prompt if it shows one.`
        : result.error,
    );
  };

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
          Open phone links with Openline
        </button>
      )}
    </div>
  );
}
