/** Whether an SDK error carries one of these AWS error codes (the SDK sets them as the error's name). */
export function isErrorCode(error: unknown, ...codes: readonly string[]): boolean {
  return error instanceof Error && codes.includes(error.name);
}
