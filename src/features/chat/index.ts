export { ChatListScreen } from './ChatListScreen';
export { ConversationScreen } from './ConversationScreen';
