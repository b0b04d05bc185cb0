import { describe, it, expect } from 'vitest';
import { checkPoll } from './pollForm';

const NOW = 1_800_000_000_000;
const base = { question: 'Quel créneau ?', options: ['Mardi', 'Jeudi'], multiple: false, closesAt: null };

describe('checkPoll', () => {
  it('accepts a valid poll, trimmed, ignoring blank option fields', () => {
    const r = checkPoll({ ...base, question: '  Quel créneau ?  ', options: [' Mardi ', '', 'Jeudi', '  '], multiple: true, closesAt: NOW + 1000 }, NOW);
    expect(r).toEqual({ ok: true, poll: { question: 'Quel créneau ?', options: ['Mardi', 'Jeudi'], multiple: true, closes_at: NOW + 1000 } });
  });

  it('needs a question', () => {
    expect(checkPoll({ ...base, question: '   ' }, NOW)).toEqual({ ok: false, errors: ['pollError.question'] });
  });

  it('needs 2 to 10 options', () => {
    expect(checkPoll({ ...base, options: ['Seul', ''] }, NOW)).toEqual({ ok: false, errors: ['pollError.tooFew'] });
    const eleven = Array.from({ length: 11 }, (_, i) => `Option ${i}`);
    expect(checkPoll({ ...base, options: eleven }, NOW)).toEqual({ ok: false, errors: ['pollError.tooMany'] });
    const ten = eleven.slice(0, 10);
    expect(checkPoll({ ...base, options: ten }, NOW).ok).toBe(true);
  });

  it('refuses duplicate options, whatever their case', () => {
    expect(checkPoll({ ...base, options: ['Mardi', 'mardi '] }, NOW)).toEqual({ ok: false, errors: ['pollError.duplicate'] });
  });

  it('refuses a closing time in the past', () => {
    expect(checkPoll({ ...base, closesAt: NOW - 1 }, NOW)).toEqual({ ok: false, errors: ['pollError.closesPast'] });
  });

  it('reports every problem at once', () => {
    const r = checkPoll({ question: '', options: ['', ''], multiple: false, closesAt: NOW }, NOW);
    expect(r).toEqual({ ok: false, errors: ['pollError.question', 'pollError.tooFew', 'pollError.closesPast'] });
  });
});
