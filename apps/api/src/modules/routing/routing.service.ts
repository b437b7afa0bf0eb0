import type { ChannelHealth } from '@mtredi/channel-sdk';
import type { OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import { ChannelHealthStore } from '../channels/channel-health.store.js';
import { type CatalogChannel, ChannelCatalog } from './channel-catalog.service.js';
import { ChannelGuards } from './channel-guards.js';
import { type MessageFacts, planRoute, type RouteCandidate, type RoutePlan } from './route-planner.js';

export interface RoutableMessage {
  to: string;
  text: string;
  encoding: MessageFacts['encoding'];
  characters: number;
}

/** Live state a worker knows better than Redis: the health its drivers report and its circuit breakers. */
export interface LiveChannelState {
  health(channelId: string): ChannelHealth | undefined;
  circuitOpen(channelId: string): boolean;
}

/** Chooses the channel for a message: the operator's route, filtered by each channel's constraints and health. */
@Injectable()
export class RoutingService {
  constructor(
    private readonly catalog: ChannelCatalog,
    private readonly guards: ChannelGuards,
    private readonly healthStore: ChannelHealthStore,
  ) {}

  /**
   * At accept: could any channel of the route ever carry this message (length, repeat window, sender
   * policy)? Health is ignored, a channel that is down now may be up in a minute.
   */
  async deliverability(operator: OperatorCode, message: RoutableMessage): Promise<RoutePlan> {
    const route = await this.catalog.routeFor(operator);
    const facts = await this.facts(route, message);
    return planRoute(
      route.map((c) => toCandidate(c, 'up', false)),
      facts,
    );
  }

  /** At dispatch: the channel to use now, or why none can be used. */
  async plan(operator: OperatorCode, message: RoutableMessage, live?: LiveChannelState): Promise<RoutePlan> {
    const route = await this.catalog.routeFor(operator);
    const shared = live ? {} : await this.healthStore.all();
    const candidates = route.map((c) =>
      toCandidate(c, live?.health(c.id) ?? shared[c.id]?.health ?? 'up', live?.circuitOpen(c.id) ?? false),
    );
    return planRoute(candidates, await this.facts(route, message));
  }

  /** The operator's direct channel: the first of its route as staff ordered it, even while disabled. */
  directChannelOf(operator: OperatorCode): Promise<string | null> {
    return this.catalog.firstOf(operator);
  }

  async rememberSent(channel: RouteCandidate, message: RoutableMessage): Promise<void> {
    await this.guards.rememberSent(
      channel.channelId,
      channel.capabilities.duplicateWindowSeconds,
      message.to,
      message.text,
    );
  }

  private async facts(route: CatalogChannel[], message: RoutableMessage): Promise<MessageFacts> {
    const duplicateOn = await this.guards.duplicatesOn(
      route.map((c) => ({ channelId: c.id, windowSeconds: c.capabilities.duplicateWindowSeconds })),
      message.to,
      message.text,
    );
    return { encoding: message.encoding, characters: message.characters, duplicateOn };
  }
}

function toCandidate(channel: CatalogChannel, health: ChannelHealth, circuitOpen: boolean): RouteCandidate {
  return {
    channelId: channel.id,
    name: channel.name,
    capabilities: channel.capabilities,
    allowProviderSender: channel.allowProviderSender,
    health,
    circuitOpen,
  };
}
