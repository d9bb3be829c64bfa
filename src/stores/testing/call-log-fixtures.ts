/** The stored call-log fixture, for tests above the storage layer. */
export { entry } from '../../storage/testing/call-log-fixtures';
