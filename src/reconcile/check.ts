/** Option checks that say exactly what was expected, p-queue style. */
export function checkNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`Expected \`${name}\` to be a finite number >= 0, got ${value}`);
  return value;
}

export function checkPositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`Expected \`${name}\` to be a finite number > 0, got ${value}`);
  return value;
}

export function checkPositiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`Expected \`${name}\` to be an integer >= 1, got ${value}`);
  return value;
}

export function checkFraction(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new RangeError(`Expected \`${name}\` to be a number in (0, 1], got ${value}`);
  }
  return value;
}
