import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { Role } from '../../api/webphone-schemas';

/** Each role's name as the Accounts section shows it (translated where it is shown: `i18n._(ROLE_LABEL[r])`). */
export const ROLE_LABEL: Record<Role, MessageDescriptor> = {
  admin: msg({ message: 'Admin', context: 'account role' }),
  agent: msg({ message: 'Agent', context: 'account role' }),
  user: msg({ message: 'User', context: 'account role' }),
};

export const ROLES = Object.keys(ROLE_LABEL) as Role[];
