import { Command } from '@nestjs/cqrs';

/** Retire one webhook signing secret of a partner (last step of a rotation). */
export class RetireWebhookSecretCommand extends Command<void> {
  constructor(
    readonly partnerId: string,
    readonly secretId: string,
  ) {
    super();
  }
}
