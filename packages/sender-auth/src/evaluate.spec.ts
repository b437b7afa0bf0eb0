import { describe, expect, it } from 'vitest';
import { ActorNotAllowedError, NotOverridableError, ReasonRequiredError } from './errors.js';
import { evaluateSenderRequest, overrideNoMatch, type SenderEvaluation } from './evaluate.js';
import { DEFAULT_GENERIC_NAMES } from './generic.js';
import type { Actor } from './operators.js';

const org = { companyName: 'Tbilisi Dental Clinic', website: 'tdc.ge' };
const evaluate = (name: string) => evaluateSenderRequest(name, org, DEFAULT_GENERIC_NAMES);
const codes = (e: SenderEvaluation) => (e.acceptable ? [] : e.refusals.map((r) => r.code));
const staff: Actor = { kind: 'staff', id: 'u-7' };
const at = new Date('2020-05-05T10:00:00Z');

describe('evaluating a customer request', () => {
  it('accepts a valid, specific, matching name with the match explanation', () => {
    expect(evaluate('TDC')).toEqual({
      acceptable: true,
      match: {
        matches: true,
        basis: 'acronym',
        explanation: '"TDC" is the initials of the company name "Tbilisi Dental Clinic" (T·D·C)',
      },
    });
  });

  it('refuses bad characters with the violations, and is final', () => {
    const result = evaluate('TDC&Co');
    expect(codes(result)).toEqual(['senders/invalid_name', 'senders/no_match']);
    expect(result.acceptable === false && result.overridable).toBe(false);
    expect(result.acceptable === false && result.refusals[0]?.violations?.[0]).toMatchObject({
      rule: 'character',
      position: 4,
      char: '&',
    });
  });

  it('refuses a generic word even when it would match the company', () => {
    const result = evaluateSenderRequest('Sale', { companyName: 'Sale Center' }, DEFAULT_GENERIC_NAMES);
    expect(result).toMatchObject({
      acceptable: false,
      overridable: false,
      refusals: [
        {
          code: 'senders/generic_name',
          message:
            '"Sale" is a generic word that names no company, and the operators refuse such names; use your company\'s name or web site',
        },
      ],
      match: { matches: true, basis: 'company_name' },
    });
  });

  it('a valid, specific name that does not match is refused but may be overridden', () => {
    const result = evaluate('Dentica');
    expect(result).toMatchObject({ acceptable: false, overridable: true, match: { matches: false } });
    expect(result.acceptable === false && result.refusals).toEqual([
      { code: 'senders/no_match', message: result.match.explanation },
    ]);
  });

  it('"Fasdakleba" is both generic and unrelated: not overridable', () => {
    const result = evaluate('Fasdakleba');
    expect(codes(result)).toEqual(['senders/generic_name', 'senders/no_match']);
    expect(result.acceptable === false && result.overridable).toBe(false);
  });

  it('uses the staff-edited list it is given', () => {
    expect(evaluateSenderRequest('TDC', org, ['TDC']).acceptable).toBe(false);
    expect(evaluateSenderRequest('Info', { companyName: 'Info' }, []).acceptable).toBe(true);
  });
});

describe('staff override of a mismatch', () => {
  it('records reason, who and when beside the explanation', () => {
    const result = evaluate('Dentica');
    expect(overrideNoMatch(result, '  Dentica is their registered trademark  ', staff, at)).toEqual({
      reason: 'Dentica is their registered trademark',
      actor: staff,
      at,
      explanation: result.match.explanation,
    });
  });

  it('needs a reason', () => {
    expect(() => overrideNoMatch(evaluate('Dentica'), '  ', staff, at)).toThrow(ReasonRequiredError);
  });

  it('only staff may override', () => {
    const error = (() => {
      try {
        overrideNoMatch(evaluate('Dentica'), 'mine', { kind: 'customer', id: 'c-1' }, at);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ActorNotAllowedError);
    expect((error as ActorNotAllowedError).code).toBe('senders/actor_not_allowed');
  });

  it('cannot override invalid characters, generic words, or an accepted name', () => {
    for (const name of ['TDC&Co', 'Fasdakleba', 'TDC']) {
      expect(() => overrideNoMatch(evaluate(name), 'because', staff, at), name).toThrow(NotOverridableError);
    }
    try {
      overrideNoMatch(evaluate('Fasdakleba'), 'because', staff, at);
    } catch (e) {
      expect((e as NotOverridableError).code).toBe('senders/not_overridable');
      expect((e as NotOverridableError).refusalCodes).toEqual(['senders/generic_name', 'senders/no_match']);
    }
  });
});
