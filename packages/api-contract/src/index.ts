export {
  AddMemberRequest,
  AdminOrganization,
  AdminOrganizationList,
  ApiKeyList,
  ApiKeySummary,
  ChangePasswordRequest,
  CreateApiKeyRequest,
  CreatedApiKey,
  Member,
  MemberList,
  OrganizationProfile,
  OrganizationStatus,
  RegisterRequest,
  UpdateOrganizationRequest,
} from './accounts.js';
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
export { GeorgianMobile, GeorgianPhone } from './phone.js';
export { SenderList, SenderName } from './senders.js';
export {
  Balance,
  CreditPackage,
  LedgerEntry,
  LedgerPage,
  LedgerQuery,
  PackageInput,
  PackageList,
  PostingKind,
  ReplacePackagesRequest,
  RequestTopUp,
  TopUp,
  TopUpList,
  TopUpStatus,
} from './billing.js';
