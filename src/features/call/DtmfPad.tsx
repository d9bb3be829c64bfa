import { useLingui } from '@lingui/react/macro';

const TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

interface DtmfPadProps {
  onTone(tone: string): void;
}

/** In-call keypad: each button sends one tone ("Send 1" … "Send #"). */
export function DtmfPad({ onTone }: DtmfPadProps) {
  const { t } = useLingui();
  // Laid out like a phone's keypad (1-2-3 left to right) in every language.
  return (
    <div className="dtmf-pad" role="group" aria-label={t`Send tones`} dir="ltr">
      {TONES.map((tone) => (
        <button
          key={tone}
          type="button"
          className="dtmf-key"
          aria-label={t`Send ${tone}`}
          onClick={() => onTone(tone)}
        >
          {tone}
        </button>
      ))}
    </div>
  );
}
