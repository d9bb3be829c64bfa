// Vitest (happy-dom): English is active, and a text not yet in the catalog falls back to the English in the
// code, compiled at run time (the production build has no compiler; its catalogs are compiled by the build).
import { i18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';

i18n.setMessagesCompiler(compileMessage);
i18n.loadAndActivate({ locale: 'en', messages: {} });
