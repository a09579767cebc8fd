import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { IncidentEntity } from './incident.entity.js';
import { lockIncidentForChange } from './lock-incident.js';

const FILER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

/** A stub of the two EntityManager calls lockIncidentForChange makes: the locked row and whether it is foreign. */
const managerWith = (incident: Partial<IncidentEntity>, foreign: boolean): EntityManager =>
  ({
    findOne: () => Promise.resolve({ id: 'i', version: 1, status: 'active', filedByKeyId: FILER, ...incident }),
    existsBy: () => Promise.resolve(foreign),
  }) as unknown as EntityManager;

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe(lockIncidentForChange.name, () => {
  it('answers not found for a foreign RED incident the viewer may not see, before saying it is foreign', async () => {
    const manager = managerWith({ tlp: 'RED' }, true);
    expect(await codeOf(lockIncidentForChange(manager, 'i', null, OTHER))).toBe('INCIDENT.NOT_FOUND');
    expect(await codeOf(lockIncidentForChange(manager, 'i', OTHER))).toBe('INCIDENT.NOT_FOUND');
    expect(await codeOf(lockIncidentForChange(manager, 'i', null, FILER))).toBe('INCIDENT.FOREIGN');
  });

  it("checks the viewer's visibility for a change that is not the filer's, e.g. an analyst's review", async () => {
    expect(await codeOf(lockIncidentForChange(managerWith({ tlp: 'RED' }, false), 'i', null, OTHER))).toBe('INCIDENT.NOT_FOUND');
    expect(await codeOf(lockIncidentForChange(managerWith({ tlp: 'GREEN' }, false), 'i', null, OTHER))).toBe('none');
    expect(await codeOf(lockIncidentForChange(managerWith({ tlp: 'GREEN' }, false), 'i', OTHER))).toBe('INCIDENT.NOT_FILER');
  });
});
