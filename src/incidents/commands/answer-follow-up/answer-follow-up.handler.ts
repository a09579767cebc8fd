import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { FollowUpEntity } from '../../../dissemination/follow-up.entity.js';
import { incidentOfFilerOrAdmin } from '../../filer-access.js';
import { AnswerFollowUpCommand, type AnswerFollowUpResult } from './answer-follow-up.command.js';

/**
 * Stores the answer (text, time, the answering key's name) on a partner's follow-up of this incident.
 * Errors: INCIDENT.NOT_FOUND (404), AUTH.FORBIDDEN (403, a regulator that did not file it), FOLLOW_UP.NOT_FOUND (404,
 * no partner follow-up with this id on this incident; the filer's own follow-ups are not answered).
 */
@CommandHandler(AnswerFollowUpCommand)
export class AnswerFollowUpHandler implements ICommandHandler<AnswerFollowUpCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ incidentId, followUpId, answer, principal }: AnswerFollowUpCommand): Promise<AnswerFollowUpResult> {
    return this.dataSource.transaction(async (manager) => {
      await incidentOfFilerOrAdmin(manager, incidentId, principal);
      const followUp = await manager.findOne(FollowUpEntity, {
        where: { id: followUpId, incidentId, origin: 'partner' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp) throw new DomainError('FOLLOW_UP.NOT_FOUND', `No partner follow-up ${followUpId} on incident ${incidentId}`);
      followUp.answer = answer;
      followUp.answeredAt = new Date();
      followUp.answeredBy = principal.name;
      await manager.save(followUp);
      return { followUpId, answeredAt: followUp.answeredAt.toISOString() };
    });
  }
}
