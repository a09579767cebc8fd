import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { FollowUpEntity } from '../../../dissemination/follow-up.entity.js';
import { incidentOfFilerOrAdmin } from '../../filer-access.js';
import { mayViewFollowUpSql } from '../../lock-incident.js';
import { AnswerFollowUpCommand, type AnswerFollowUpResult } from './answer-follow-up.command.js';

/**
 * Stores the answer (text, time, the answering key's name) on a partner's follow-up of this incident.
 * Errors: INCIDENT.NOT_FOUND (404), AUTH.FORBIDDEN (403, a regulator that did not file it), FOLLOW_UP.NOT_FOUND (404,
 * no partner follow-up with this id on this incident that the caller may see (one about a version whose marking it
 * may not view, lock-incident.ts mayViewFollowUpSql, answers as an unknown id); the filer's own follow-ups are not
 * answered).
 */
@CommandHandler(AnswerFollowUpCommand)
export class AnswerFollowUpHandler implements ICommandHandler<AnswerFollowUpCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ incidentId, followUpId, answer, principal }: AnswerFollowUpCommand): Promise<AnswerFollowUpResult> {
    return this.dataSource.transaction(async (manager) => {
      const incident = await incidentOfFilerOrAdmin(manager, incidentId, principal);
      const visible: unknown[] = await manager.query(
        `SELECT 1 FROM follow_ups f WHERE f.id = $1 AND f.incident_id = $2 AND ${mayViewFollowUpSql('f', '$3::uuid', '$4')}`,
        [followUpId, incidentId, incident.filedByKeyId, principal.keyId],
      );
      const followUp = visible.length === 0 ? null : await manager.findOne(FollowUpEntity, {
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
