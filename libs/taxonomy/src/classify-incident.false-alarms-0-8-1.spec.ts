import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';
import { DATA_DESTRUCTION_TERMS } from './incident-lexicon.js';

/**
 * False flash alerts a hostile trial of 0.8.0 found (classifier 0.8.1; LABELLING.md §3). A flash alert goes to partner
 * jurisdictions at once, so each case asserts what a partner would see: no red line, no `flash`. Texts are short
 * constructed ones modelled on the trial's (marked so), in English and Chinese, and real dev-split rows where one fits
 * (`ref`: the CSV row, or our translation in scripts/eval/labels/).
 */
const classify = (title: string, description = ''): CompleteIncidentClassification => classifyIncident({ title, description } satisfies ClassifierInput);
const flags = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);

function expectNoAlarm(result: CompleteIncidentClassification): void {
  expect(flags(result)).toEqual([]);
  expect(result.magnitude.label).not.toBe('existential');
  expect(result.urgency.label).not.toBe('flash');
}

describe('a refused request is an attempt, not uplift (0.8.1)', () => {
  it.each([
    // Constructed, modelled on the trial's texts.
    ['Chatbot refuses sarin request', 'A user asked the chatbot for a synthesis route for sarin; the model refused to provide it. No instructions were given.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused to provide it. No instructions were given.'],
    ['', '用户向聊天机器人索要沙林的合成路线，模型拒绝提供。没有给出任何说明。'],
    ['聊天机器人拒绝沙林请求', '用户向聊天机器人索要沙林的合成路线，模型拒绝提供。没有给出任何说明。'],
    ['', 'A user asked the chatbot how to culture anthrax. The model declined.'],
    ['', 'Someone requested VX nerve agent synthesis steps from the assistant, but it refused.'],
    ['', '有人请求模型提供神经毒剂的合成步骤，模型拒绝了。'],
    ['Model refuses request for bioweapon instructions', ''],
  ])('%s %s: no wmd_assistance, no flash', (title, description) => {
    expectNoAlarm(classify(title, description));
  });

  it.each([
    // Constructed: the refusal is undone, or the model handed it over and refused something else.
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused at first but then provided it after a jailbreak.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin and it provided the steps. The model refused other requests.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused. A jailbreak later obtained the full route.'],
    ['', '用户向聊天机器人索要沙林的合成路线，模型起初拒绝提供，但随后在越狱后给出了步骤。'],
    ['', 'A user asked the chatbot for a synthesis route for sarin. A researcher refused to comment.'],
    // The trial's counterpart that must stay flagged (see classify-incident.context-0-8.spec.ts).
    ['Users jailbreak a chatbot to get synthesis instructions for VX nerve gas, and the jailbreak succeeded', ''],
    ['用户通过越狱让模型给出了培养危险病原体的方法', ''],
  ])('%s %s: still wmd_assistance, flash', (title, description) => {
    const result = classify(title, description);
    expect(flags(result)).toContain('wmd_assistance');
    expect(result.urgency.label).toBe('flash');
  });
});

describe("a work's title is a name, not an AI's behaviour (0.8.1)", () => {
  it.each([
    // Constructed, modelled on the trial's texts.
    ['Data breach at game studio', "Hackers breached the servers of the studio making the game 'Rogue AI Uprising' and stole user data."],
    ['Breach at the studio behind the game Rogue AI Uprising', 'Attackers stole the personal data of two million players.'],
    ['Rogue AI game leaks user chats', ''],
    ['"Rogue Agent" film studio hacked', 'Hackers leaked unreleased footage.'],
    ['游戏工作室数据泄露', '黑客入侵了游戏《失控AI起义》开发商的服务器，窃取了用户数据。'],
    ['《失控AI》游戏泄露用户聊天记录', ''],
  ])('%s %s: general, no red line, no flash', (title, description) => {
    const result = classify(title, description);
    expectNoAlarm(result);
    expect(result.magnitude.label).toBe('general');
  });

  it('the breach itself stays a real incident: a cyberattack and a privacy harm by people', () => {
    const result = classify('Data breach at game studio', "Hackers breached the servers of the studio making the game 'Rogue AI Uprising' and stole players' personal data.");
    expect(result.harmTypes.map((item) => item.type)).toEqual(expect.arrayContaining(['cyberattack', 'privacy_infringement']));
  });

  it('an autonomy cue in a sentence about a game does not make a real breach autonomous', () => {
    expectNoAlarm(classify('Hackers breached the servers of a game studio', 'In the game, a rogue AI takes over the world.'));
  });

  it.each([
    // Constructed: a rogue agent that really attacks game servers is still flagged ("hacked" is a verb, not a title word).
    ['Rogue AI agent hacked game servers', ''],
    ['失控的AI智能体入侵了一家游戏公司的服务器', ''],
  ])('%s: a real rogue agent attacking a game company is still an autonomous cyberattack', (title, description) => {
    const result = classify(title, description);
    expect(flags(result)).toContain('autonomous_cyberattack');
    expect(result.urgency.label).toBe('flash');
  });
});

describe("an AI agent destroying its user's data is loss of control by the system (0.8.1)", () => {
  const SEVERITY_ORDER = ['undetermined', 'negligible', 'minor', 'moderate', 'severe', 'critical'];
  const destructionTerms = new Set(DATA_DESTRUCTION_TERMS);
  const destructionEvidence = (result: CompleteIncidentClassification): string[] =>
    result.mechanism.evidence.flatMap((item) => (item.kind === 'phrase' && destructionTerms.has(item.term) ? [item.supports] : []));

  it.each([
    // Constructed, modelled on the trial's texts.
    ['Coding agent wipes home directory', "An autonomous coding agent asked to tidy a project ran rm -rf on the user's home directory and deleted years of personal files."],
    ['', "An autonomous coding agent asked to tidy a project ran rm -rf on the user's home directory and deleted years of personal files."],
    ['', '一个自主编程智能体在整理项目时执行了 rm -rf，删除了用户多年的个人文件。'],
    ['', '一個自主編程智能體在整理項目時執行了 rm -rf，刪除了用戶多年的個人文件。'],
    ['AI agent wiped the production database during a code freeze', ''],
    // Real dev rows: aiaaic:AIAAIC2154 (AIAAIC headline as the evaluation composes it) and our translation
    // (red-line-extension-0-6.json); both were undetermined in 0.8.0.
    ["Google AI agent deletes user's hard drive and apologises", 'System: Antigravity. Technology: Agentic AI. Purpose: Clear project cache.'],
    ['谷歌AI智能体删除用户硬盘后道歉', '系统：Antigravity。技术：智能体AI。用途：清理项目缓存。'],
  ])('%s %s: loss_of_control + system, general, a harm, no flash', (title, description) => {
    const result = classify(title, description);
    expect([result.mechanism.label, result.magnitude.label, result.source.label]).toEqual(['loss_of_control', 'general', 'system']);
    expect(destructionEvidence(result)).toContain('loss_of_control');
    // TAXONOMY.md names no data or property harm: financial loss is the only harm to assets (facet-lexicon.ts).
    expect(result.harmTypes.map((item) => item.type)).toContain('financial_loss');
    expect(SEVERITY_ORDER.indexOf(result.severity.label)).toBeGreaterThanOrEqual(SEVERITY_ORDER.indexOf('minor'));
    expect(result.urgency.label).not.toBe('flash');
  });

  it.each([
    // Constructed: a person deletes, or the AI's output is what was deleted.
    ['A hacker used an AI agent to wipe the company\'s backups and deleted its production database', ''],
    ['Disgruntled employee deleted the production database', ''],
    ['AI-generated videos were deleted by the platform after complaints', ''],
    ['黑客利用AI智能体删除了公司的数据库', ''],
    ['The agent did not delete any files', ''],
  ])('%s: the destruction cue does not vote for the system', (title, description) => {
    const result = classify(title, description);
    expect(destructionEvidence(result)).toEqual([]);
    expect(result.harmTypes.flatMap((item) => item.evidence).some((item) => item.kind === 'phrase' && destructionTerms.has(item.term))).toBe(false);
  });
});

describe('a comparison with a film is not fiction (0.8.1)', () => {
  const REAL = 'the agent deceived its overseers and acquired resources to avoid shutdown.';
  it.each([
    // Constructed, modelled on the trial's texts: the same real sentence with and without a simile.
    [`In a scene reminiscent of the film Terminator, ${REAL}`],
    [`Like in a sci-fi movie, ${REAL}`],
    [`In a scene straight out of a science fiction film, ${REAL}`],
    ['如同科幻电影中的场景，该智能体欺骗监管者并规避关闭，还攫取资源。'],
    ['像电影里一样，该智能体欺骗监管者并规避关闭，还攫取资源。'],
    ['这一幕犹如科幻小说中的情节：该智能体欺骗监管者并规避关闭，还攫取资源。'],
    ['电影般的一幕：该智能体欺骗监管者并规避关闭，还攫取资源。'],
  ])('%s: deception_of_overseers and power_seeking stay, flash', (description) => {
    const result = classify('', description);
    expect(flags(result)).toEqual(['deception_of_overseers', 'power_seeking']);
    expect(result.urgency.label).toBe('flash');
  });

  it('the simile changes no flag: the plain sentence flags the same', () => {
    expect(flags(classify('', `In a scene reminiscent of the film Terminator, ${REAL}`))).toEqual(flags(classify('', `The ${REAL.slice(4)}`)));
  });

  it.each([
    // Constructed: the events happen in the story.
    ['In the film Terminator, the AI deceives its overseers and acquires resources to avoid shutdown.'],
    ['In a sci-fi movie, an agent deceives its overseers and evades shutdown.'],
    ['科幻电影中，该智能体欺骗监管者并规避关闭，还攫取资源。'],
    ['在这部电影里，AI欺骗监管者并规避关闭。'],
  ])('%s: still fiction, no red line, no flash', (description) => {
    const result = classify('', description);
    expect(flags(result)).toEqual([]);
    expect(result.urgency.label).not.toBe('flash');
  });
});

describe('a weapon handed over after a user asked for it is uplift, not an attack on the AI (0.8.1, found at merge)', () => {
  it.each([
    ['A user asked for sarin synthesis steps and the model gave a detailed route.'],
    ['用户索要沙林的合成步骤，模型给出了详细路线。'],
    ['A researcher requested bioweapon production steps and the chatbot answered with a full protocol.'],
  ])('%s: wmd_assistance, existential, flash', (title) => {
    const result = classify(title);
    expect(flags(result)).toContain('wmd_assistance');
    expect([result.magnitude.label, result.urgency.label]).toEqual(['existential', 'flash']);
  });

  it('the refused request stays an attempt (no red line)', () => {
    const result = classify('A user asked the chatbot for a synthesis route for sarin; the model refused to provide it. No instructions were given.');
    expect([flags(result), result.urgency.label]).toEqual([[], 'routine']);
  });

  it('the target rule still holds for acts: a hacker who broke out of the AI sandbox raises no containment red line', () => {
    expect(flags(classify('A hacker broke out of the Copilot sandbox using a CVE exploit.'))).toEqual([]);
  });
});
