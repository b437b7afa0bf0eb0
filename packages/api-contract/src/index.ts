export { LoginRequest, SessionUser } from './auth.js';
export { ErrorBody } from './errors.js';
export {
  AnalyzeRequest,
  FINAL_MESSAGE_STATUSES,
  ListMessagesQuery,
  Message,
  MessageList,
  MessageStatus,
  SendMessageRequest,
  StatusChange,
  TextOptions,
  type ValidSendMessage,
} from './messages.js';
export { GeorgianMobile } from './phone.js';
export { SenderList, SenderName } from './senders.js';
