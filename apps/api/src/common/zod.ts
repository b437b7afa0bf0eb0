import { type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError } from './domain-error.js';

/** Validates and transforms a request part with a shared zod schema; failures name every bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    // A missing body is an empty object, so the answer lists the missing fields instead of "expected object".
    const input = value === undefined && this.schema instanceof z.ZodObject ? {} : value;
    const result = this.schema.safeParse(input);
    if (result.success) return result.data;
    const details = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
    const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw new DomainError('validation/invalid_request', `Invalid request: ${summary}`, 400, details);
  }
}

/** Documents a JSON body in OpenAPI from the same zod schema that validates it. */
export function ApiZodBody(schema: z.ZodType, example?: unknown) {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return ApiBody({ schema: { ...jsonSchema, ...(example ? { example } : {}) } });
}

/** Documents a 200 answer in OpenAPI from the zod schema of its fields (others, described, may be there too). */
export function ApiZodResponse(schema: z.ZodType, options: { description: string; example?: unknown }) {
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  const { example, description } = options;
  return ApiOkResponse({ description, schema: { ...jsonSchema, ...(example ? { example } : {}) } });
}

/** Documents the query parameters of a zod object schema in OpenAPI. */
export function ApiZodQuery(schema: z.ZodObject) {
  const decorators = Object.entries(schema.shape).map(([name, field]) =>
    ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success }),
  );
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };
}
