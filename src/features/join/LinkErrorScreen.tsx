import { useLingui } from '@lingui/react/macro';
import type { LinkError } from '../../webcall/errors';
import { describeLinkError } from '../../stores/join-page';
import { formatTime } from './messages';

/** Described at render, so the sentence follows the active language (it may change after the link is read). */
export function LinkErrorScreen({ error }: { error: LinkError }) {
  const { t } = useLingui();
  return (
    <section className="join-card" aria-labelledby="join-error-title" data-error={error.code}>
      <h1 id="join-error-title">{t`This call link cannot be opened`}</h1>
      <p role="alert" className="join-message">
        {describeLinkError(error, formatTime)}
      </p>
    </section>
  );
}
