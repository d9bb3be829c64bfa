import { Trans } from '@lingui/react/macro';
import { useLingui } from '@lingui/react';
import { useEffect, useState } from 'react';
import { useWebphoneConfig } from '../stores/webphone-config';
import { loadBalance } from '../stores/webphone-config-instance';

/** "$12.50" in the user's locale. */
export function formatBalance(amountMinor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/**
 * Issue 13 flags in the header: Display Balance (the account's balance from the server) and Accept
 * Payment (a link out to the operator's payment page; Openline never sees card data).
 */
export function HeaderExtras() {
  const showBalance = useWebphoneConfig((s) => s.config.flags.displayBalance && s.username !== null);
  const payUrl = useWebphoneConfig((s) => (s.config.flags.acceptPayment ? s.config.paymentUrl : ''));
  const revision = useWebphoneConfig((s) => s.revision);
  const [balance, setBalance] = useState<string | null>(null);
  const { i18n } = useLingui();

  useEffect(() => {
    if (!showBalance) return setBalance(null);
    let current = true;
    loadBalance()
      .then((b) => current && setBalance(formatBalance(b.amountMinor, b.currency, i18n.locale)))
      .catch(() => current && setBalance(null));
    return () => {
      current = false;
    };
  }, [showBalance, revision, i18n.locale]);

  if (!balance && !payUrl) return null;
  return (
    <span className="header-extras">
      {balance && (
        <span className="header-balance" data-testid="balance">
          <span className="visually-hidden">
            <Trans>Balance:</Trans>{' '}
          </span>
          {balance}
        </span>
      )}
      {payUrl && (
        <a className="header-pay" href={payUrl} target="_blank" rel="noopener noreferrer">
          <Trans>Add credit</Trans>
          <span className="visually-hidden">
            {' '}
            <Trans>(opens your provider’s payment page)</Trans>
          </span>
        </a>
      )}
    </span>
  );
}
