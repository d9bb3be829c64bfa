export { ChatThread, type ChatThreadProps, type Emoji, type ThreadMessage } from './ChatThread';
export { threadMessages } from './thread-messages';
