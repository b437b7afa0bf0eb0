import { ChangePasswordRequest, LoginRequest, RegisterRequest, type SessionUser } from '@mtredi/api-contract';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUser> {
    const { token, user } = await this.auth.login(body, request.ip);
    setSessionCookie(reply, token);
    return user;
  }

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Register an organization; it can send once staff have verified it (about a day)' })
  @ApiZodBody(RegisterRequest, {
    companyName: 'Tbilisi Dental Clinic',
    website: 'tdc.ge',
    contactName: 'ნინო ბერიძე',
    email: 'nino@tdc.ge',
    phone: '+995 599 12 34 56',
    password: 'a long secret phrase',
  })
  async register(
    @Body(new ZodPipe(RegisterRequest)) body: z.output<typeof RegisterRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUser> {
    const { token, user } = await this.auth.register(body);
    setSessionCookie(reply, token);
    reply.status(201);
    return user;
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session of this user, on every device' })
  async logoutAll(@Auth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.closeAll(auth);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password of the logged-in user' })
  @ApiZodBody(ChangePasswordRequest)
  changePassword(
    @Auth() auth: AuthContext,
    @Body(new ZodPipe(ChangePasswordRequest)) body: z.output<typeof ChangePasswordRequest>,
  ): Promise<void> {
    return this.auth.changePassword(auth, body.currentPassword, body.newPassword);
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

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: 'auto',
    maxAge: SESSION_TTL_MS / 1000,
  });
}
