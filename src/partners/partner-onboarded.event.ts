/** In-process notice that a partner topic exists now (the alert log consumer re-subscribes). */
export class PartnerOnboardedEvent {
  constructor(
    readonly partnerId: string,
    readonly kafkaTopic: string,
  ) {}
}
