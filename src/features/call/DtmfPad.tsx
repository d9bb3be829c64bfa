const TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

interface DtmfPadProps {
  onTone(tone: string): void;
}

/** In-call keypad: each button sends one tone ("Send 1" … "Send #"). */
export function DtmfPad({ onTone }: DtmfPadProps) {
  return (
    <div className="dtmf-pad" role="group" aria-label="Send tones">
      {TONES.map((tone) => (
        <button
          key={tone}
          type="button"
          className="dtmf-key"
          aria-label={`Send ${tone}`}
          onClick={() => onTone(tone)}
        >
          {tone}
        </button>
      ))}
    </div>
  );
}
