/**
 * Reading a model's arguments: models send numbers as strings, `null` for absent optional fields
 * and paths in many shapes, so each reader accepts what is meant and names what is wrong.
 */
import { normaliseToolPath } from './paths';
import type { Parsed, ToolHost } from './types';

/** An optional field counts as absent when missing, `null` or an empty string. */
function absent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A required (or, with `optional`, an optional) string field. */
export function stringArg(args: Record<string, unknown>, name: string, optional = false): Parsed<string | undefined> {
  const v = args[name];
  if (absent(v)) return optional ? { ok: true, args: undefined } : { ok: false, error: `"${name}" is required.` };
  if (typeof v !== 'string') return { ok: false, error: `"${name}" must be a string.` };
  return { ok: true, args: v };
}

/** An optional positive whole number (a numeric string counts). */
export function lineArg(args: Record<string, unknown>, name: string): Parsed<number | undefined> {
  const v = args[name];
  if (absent(v)) return { ok: true, args: undefined };
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    return { ok: false, error: `"${name}" must be a whole number from 1.` };
  return { ok: true, args: n };
}

/** An optional boolean (`"true"`/`"false"` count). */
export function boolArg(args: Record<string, unknown>, name: string): Parsed<boolean | undefined> {
  const v = args[name];
  if (absent(v)) return { ok: true, args: undefined };
  if (v === true || v === 'true') return { ok: true, args: true };
  if (v === false || v === 'false') return { ok: true, args: false };
  return { ok: false, error: `"${name}" must be true or false.` };
}

/**
 * A path field, normalised. A path that leaves the workspace is not an argument error: it parses,
 * and the tool refuses it (so the refusal reads as one, with its reason).
 */
export function pathArg(
  args: Record<string, unknown>,
  name: string,
  host: ToolHost,
  optional = false,
): Parsed<{ path: string; refused?: string } | undefined> {
  const s = stringArg(args, name, optional);
  if (!s.ok) return s;
  if (s.args === undefined) return { ok: true, args: undefined };
  const p = normaliseToolPath(s.args, host);
  if (p.ok) return { ok: true, args: { path: p.value } };
  return { ok: true, args: { path: s.args, refused: p.refusal.detail ?? p.refusal.reason } };
}
