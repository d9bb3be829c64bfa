import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { useLingui } from '@lingui/react/macro';
import { useSearchParams } from 'react-router-dom';
import { parsePhoneLink } from '../../lib/phone-link';
import { stripFormatting } from '../../lib/phone-number';
import { useNumberRegion } from '../../stores/number-region';
import { RegistrationState } from '../../stores/phone-types';
import { useCallsStore } from '../../stores/calls';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { useRegistrationStore } from '../../stores/registration';
import { toggleSipTrace } from '../../stores/sip-trace';
import { Screen } from '../../ui/Screen';
import { Dialpad } from './Dialpad';
import './dialpad.css';

/** A stable handler, so the Dialpad's effect for a prefilled number runs once. */
const prepareDial = (video: boolean) => phoneBridge.prepareDial(video);

function blockedReason(state: RegistrationState): MessageDescriptor {
  switch (state) {
    case RegistrationState.Registering:
      return msg`Waiting for registration…`;
    case RegistrationState.Reconnecting:
      return msg`Reconnecting to the SIP server…`;
    default:
      return msg`Sign in under Settings to make calls`;
  }
}

/**
 * Route `/dialpad` (also the target of tel: and sip: links: `/dialpad?to=%s`). A link only fills the
 * number field; the user still presses Call.
 */
export function DialpadScreen() {
  const { t, i18n } = useLingui();
  const [params] = useSearchParams();
  const to = params.get('to');
  const link = to === null ? null : parsePhoneLink(to);
  const initial = link?.ok ? (link.kind === 'text' ? stripFormatting(link.target) : link.target) : '';
  const state = useRegistrationStore((s) => s.state);
  const region = useNumberRegion((s) => s.region);
  const callError = useCallsStore((s) => s.error);

  return (
    <Screen title={t`Dialpad`} hideTitle className="screen-dialpad">
      {link && !link.ok && (
        <p className="field-error dialpad-link-error" role="alert">
          {link.error}
        </p>
      )}
      <Dialpad
        key={initial}
        canCall={state === RegistrationState.Registered}
        blockedReason={i18n._(blockedReason(state))}
        initialValue={initial}
        region={region}
        callError={callError}
        onCall={(target, video) => void phoneBridge.dial(target, video)}
        onIntent={prepareDial}
        onServiceCode={toggleSipTrace}
      />
    </Screen>
  );
}
