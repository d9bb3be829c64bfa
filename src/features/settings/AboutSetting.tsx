import { Trans } from '@lingui/react/macro';
import { useWebphoneConfig } from '../../stores/webphone-config';

/** The build id, for support, unless the operator chose Hide UUID (issue 13). */
export const BUILD_ID = typeof __OPENLINE_BUILD__ === 'string' ? __OPENLINE_BUILD__ : 'dev';

export function AboutSetting() {
  const hidden = useWebphoneConfig((s) => s.config.flags.hideUuid);
  const brand = useWebphoneConfig((s) => s.config.brand.name);
  if (hidden) return null;
  return (
    <section className="settings-group" aria-labelledby="about-title">
      <h2 id="about-title" className="settings-group-title">
        <Trans>About</Trans>
      </h2>
      <p className="field-hint">
        <Trans>
          {brand} build <code data-testid="build-id">{BUILD_ID}</code>: quote it when you contact support.
        </Trans>
      </p>
    </section>
  );
}
