/**
 * The submit button's words: the operator's `submit_label` as written, otherwise the app's own "Submit"
 * in the viewer's language (issue 13: no English left on an Arabic or Spanish Agent tab).
 */
import { setupI18n } from '@lingui/core';
import { I18nProvider } from '@lingui/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FormModel } from '../../actions';
import { messages as ar } from '../../locales/ar/ui.po';
import { messages as es } from '../../locales/es/ui.po';
import { AgentFormView } from './AgentFormView';

/** A form as the runner's model gives it (src/actions/form-model.ts turns a blank label into null). */
const form = (submitLabel: string | null): FormModel => ({
  id: 'f',
  name: 'Wrap-up',
  description: '',
  fields: [],
  values: {},
  submitLabel,
  html: null,
  collapse: false,
});

function show(model: FormModel, locale: 'ar' | 'es') {
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale, messages: locale === 'ar' ? ar : es });
  render(
    <I18nProvider i18n={i18n}>
      <AgentFormView
        form={model}
        errors={{}}
        message={null}
        busy={false}
        onChange={() => undefined}
        onSubmit={() => undefined}
      />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('AgentFormView submit button', () => {
  it('reads "Submit" in the viewer’s language when the form has no label of its own', () => {
    show(form(null), 'ar');
    expect(screen.getByRole('button', { name: 'إرسال' })).toBeTruthy();
    cleanup();
    show(form(null), 'es');
    expect(screen.getByRole('button', { name: 'Enviar' })).toBeTruthy();
  });

  it('shows the operator’s label as written', () => {
    show(form('Save and dispose'), 'ar');
    expect(screen.getByRole('button', { name: 'Save and dispose' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'إرسال' })).toBeNull();
  });
});
