/** An AWS name made a valid metadata.name: lower case, letters, digits and inner dashes, at most 63 characters. */
export function manifestNameOf(awsName: string): string {
  const cleaned = awsName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'imported' : cleaned;
}
