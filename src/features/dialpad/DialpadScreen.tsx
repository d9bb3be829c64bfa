import { useSearchParams } from 'react-router-dom';
import { defaultRegion, stripFormatting } from '../../lib/phone-number';
import { RegistrationState } from '../../stores/phone-types';
import { useCallsStore } from '../../stores/calls';
import { phoneBridge } from '../../stores/phone-bridge-instance';
import { useRegistrationStore } from '../../stores/registration';
import { Screen } from '../../ui/Screen';
import { Dialpad } from './Dialpad';
import './dialpad.css';

function blockedReason(state: RegistrationState): string {
  switch (state) {
    case RegistrationState.Registering:
      return 'Waiting for registration…';
    case RegistrationState.Reconnecting:
      return 'Reconnecting to the SIP server…';
    default:
      return 'Sign in under Settings to make calls';
  }
}

/** Route `/dialpad` (also the target of tel: and sip: links: `/dialpad?to=%s`). */
export function DialpadScreen() {
  const [params] = useSearchParams();
  const to = params.get('to');
  const initial = to ? stripFormatting(to) : '';
  const state = useRegistrationStore((s) => s.state);
  const callError = useCallsStore((s) => s.error);

  return (
    <Screen title="Dialpad" hideTitle className="screen-dialpad">
      <Dialpad
        key={initial}
        canCall={state === RegistrationState.Registered}
        blockedReason={blockedReason(state)}
        initialValue={initial}
        region={defaultRegion()}
        callError={callError}
        onCall={(target, video) => void phoneBridge.dial(target, video)}
      />
    </Screen>
  );
}
