/**
 * True for `{...}` objects (prototype `Object.prototype` or `null`): not arrays, class
 * instances, maps or `null`. Input that should be a record of skill ids is checked with this.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
