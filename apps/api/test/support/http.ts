import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { expect } from 'vitest';

/** Logs in through the API and returns the session cookie header value. */
export async function login(app: NestFastifyApplication, email: string, password: string): Promise<string> {
  const res = await request(app.getHttpServer()).post('/v1/auth/login').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sessionCookie(res.headers['set-cookie']);
}

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = cookies.find((c) => c.startsWith('mtredi_session='));
  if (!session) throw new Error('no session cookie was set');
  return session.split(';')[0] ?? '';
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
