import { Command } from '@nestjs/cqrs';

/** The new secret; `secret` is shown this once. */
export interface AddWebhookSecretResult {
  id: string;
  secret: string;
  createdAt: Date;
  /** Ids of every active secret now, oldest first; each signs every delivery. */
  activeSecretIds: string[];
}

/** Add a webhook signing secret to a partner (first step of a rotation). */
export class AddWebhookSecretCommand extends Command<AddWebhookSecretResult> {
  constructor(readonly partnerId: string) {
    super();
  }
}
