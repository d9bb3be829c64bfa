import type { LinkErrorCode } from '../../webcall/errors';

export function LinkErrorScreen({ message, code }: { message: string; code: LinkErrorCode }) {
  return (
    <section className="join-card" aria-labelledby="join-error-title" data-error={code}>
      <h1 id="join-error-title">This call link cannot be opened</h1>
      <p role="alert" className="join-message">
        {message}
      </p>
    </section>
  );
}
