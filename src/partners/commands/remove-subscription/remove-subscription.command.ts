import { Command } from '@nestjs/cqrs';

/** Delete one subscription of a partner. */
export class RemoveSubscriptionCommand extends Command<void> {
  constructor(
    readonly partnerId: string,
    readonly subscriptionId: string,
  ) {
    super();
  }
}
