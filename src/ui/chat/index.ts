export {
  ChatThread,
  type ChatThreadProps,
  type Emoji,
  type ThreadFile,
  type ThreadMessage,
} from './ChatThread';
export { threadMessages } from './thread-messages';
