export { ChatThread, type ChatThreadProps, type ThreadMessage } from './ChatThread';
export { threadMessages } from './thread-messages';
