import { Trans } from '@lingui/react/macro';
import { useInRouterContext, useNavigate } from 'react-router-dom';
import { chatPath } from '../../lib/sw-messages';
import { callView } from '../../stores/call-view';
import type { CallSnapshot } from '../../stores/phone-types';
import { Icon } from '../../ui/icons';

/** Chat (issue 14): opens the conversation with the other party; the call goes on in the call bar. */
export function CallChatButton({ call }: { call: CallSnapshot }) {
  // The call view is also rendered on its own (component tests): without the app's router, no Chat.
  const target = call.remoteUri || call.remoteUser;
  return useInRouterContext() && target ? <ChatButton call={call} target={target} /> : null;
}

function ChatButton({ call, target }: { call: CallSnapshot; target: string }) {
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="call-tool"
      onClick={() => {
        callView.minimise(call.id);
        void navigate(chatPath(target));
      }}
    >
      <Icon name="messages" className="call-tool-icon" />
      <span>
        <Trans>Chat</Trans>
      </span>
    </button>
  );
}
