/** The composer's poll form: what the person typed, checked into a `NewPoll`. */
import type { NewPoll } from './bindings/NewPoll';
import type { MessageKey } from './i18n/fr';

/** Most options in a poll (matches the API's limit). */
export const MAX_OPTIONS = 10;
/** Fewest options in a poll. */
export const MIN_OPTIONS = 2;

/** The poll fields as typed. */
export type PollDraft = {
  question: string;
  options: string[];
  multiple: boolean;
  /** Closing time in ms, or null for never. */
  closesAt: number | null;
};

/** A draft checked: the poll to send, or the problems to show. */
export type PollCheck = { ok: true; poll: NewPoll } | { ok: false; errors: MessageKey[] };

/**
 * Checks a draft: a question, 2 to 10 distinct options (blank option fields are
 * ignored), a closing time in the future if any.
 */
export function checkPoll(draft: PollDraft, now: number): PollCheck {
  const errors: MessageKey[] = [];
  const question = draft.question.trim();
  const options = draft.options.map((o) => o.trim()).filter((o) => o !== '');
  if (question === '') errors.push('pollError.question');
  if (options.length < MIN_OPTIONS) errors.push('pollError.tooFew');
  if (options.length > MAX_OPTIONS) errors.push('pollError.tooMany');
  const folded = options.map((o) => o.toLocaleLowerCase());
  if (new Set(folded).size !== folded.length) errors.push('pollError.duplicate');
  if (draft.closesAt !== null && draft.closesAt <= now) errors.push('pollError.closesPast');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, poll: { question, options, multiple: draft.multiple, closes_at: draft.closesAt } };
}
