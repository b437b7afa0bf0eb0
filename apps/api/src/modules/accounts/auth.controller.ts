import { LoginRequest, type SessionUser } from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, type AuthContext, Public, SESSION_COOKIE } from '../../common/auth/auth-context.js';
import { ApiZodBody, ZodPipe } from '../../common/zod.js';
import { AuthService } from './auth.service.js';
import { SESSION_TTL_MS, SessionsService } from './sessions.service.js';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in to the portal; sets the session cookie' })
  @ApiZodBody(LoginRequest, { email: 'demo@mtredi.ge', password: 'mtredi-demo' })
  async login(
    @Body(new ZodPipe(LoginRequest)) body: LoginRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUser> {
    const { token, user } = await this.auth.login(body);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: 'auto',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return user;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this portal session' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await this.sessions.close(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'The logged-in user and organization' })
  me(@Auth() auth: AuthContext): Promise<SessionUser> {
    return this.auth.me(auth);
  }
}
