/** An error the emulator reports to the SDK as HTTP 200 `{code, message, requestId}`. */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'EmulatorError'
  }
}

/** Error codes used by the emulator (CloudBase's own where one exists). */
export const ErrorCodes = {
  duplicate: 'DATABASE_DUPLICATE_WRITE',
  collectionMissing: 'DATABASE_COLLECTION_NOT_EXIST',
  conflict: 'DATABASE_TRANSACTION_CONFLICT',
  transactionFail: 'DATABASE_TRANSACTION_FAIL',
  requestFailed: 'DATABASE_REQUEST_FAILED',
  invalidParam: 'INVALID_PARAM',
  signature: 'SIGNATURE_INVALID',
  unsupported: 'EMULATOR_UNSUPPORTED_ACTION',
  whereInTransaction: 'EMULATOR_WHERE_IN_TRANSACTION',
  fault: 'EMULATOR_INJECTED_FAULT',
  functionFailed: 'FUNCTIONS_EXECUTE_FAIL',
  fileMissing: 'STORAGE_FILE_NONEXIST'
} as const
