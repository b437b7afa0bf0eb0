import { SendMessageRequest } from '@mtredi/api-contract';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { ZodPipe } from './zod.js';

describe('ZodPipe', () => {
  const pipe = new ZodPipe(SendMessageRequest);

  it('returns the parsed value, with the number normalised to E.164', () => {
    expect(pipe.transform({ to: '0599 12-34-56', sender: 'Mtredi', text: 'hi' })).toEqual({
      to: '+995599123456',
      sender: 'Mtredi',
      text: 'hi',
    });
  });

  it('throws one 400 error listing every bad field by path', () => {
    let error: unknown;
    try {
      pipe.transform({ to: 'abc', text: 42 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.code).toBe('validation/invalid_request');
    expect(domain.httpStatus).toBe(400);
    expect(domain.details?.map((d) => d.path).sort()).toEqual(['sender', 'text', 'to']);
    expect(domain.message).toContain('to:');
  });

  it('treats a missing body as an empty object', () => {
    expect(() => pipe.transform(undefined)).toThrow(/sender/);
  });
});
