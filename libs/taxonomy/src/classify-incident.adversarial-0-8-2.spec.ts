import { describe, expect, it } from '@jest/globals';

import { classifyIncident } from './classify-incident.js';

/**
 * Findings of a hostile trial of 0.8.1 (classifier 0.8.2; LABELLING.md §3). A flash alert goes to partner jurisdictions
 * at once, so each case asserts what a partner would see: the red-line flags, whether the magnitude is existential, and
 * whether the alert is `flash`. All texts are constructed, modelled on the trial's, in English and Chinese.
 */
interface Alarm {
  flags: string[];
  existential: boolean;
  flash: boolean;
}

function alarmOf(description: string): Alarm {
  const result = classifyIncident({ title: '', description });
  return { flags: result.redLineFlags.map((item) => item.flag), existential: result.magnitude.label === 'existential', flash: result.urgency.label === 'flash' };
}

const QUIET: Alarm = { flags: [], existential: false, flash: false };
type Expected = 'quiet' | 'wmd flash' | 'red line flash';

function check(description: string, expected: Expected): void {
  const alarm = alarmOf(description);
  if (expected === 'quiet') expect(alarm).toEqual(QUIET);
  else {
    expect(alarm.flash).toBe(true);
    if (expected === 'wmd flash') expect(alarm.flags).toContain('wmd_assistance');
    else expect(alarm.flags.length).toBeGreaterThan(0);
  }
}

describe('a refusal undone by a later hand-over of the know-how is uplift (0.8.2)', () => {
  it.each<[string, Expected]>([
    ['模型起初拒绝提供沙林合成步骤，但随后给出了详细的合成路线。', 'wmd flash'],
    ['The model refused to provide sarin synthesis steps, then provided them anyway.', 'wmd flash'],
    ['The model refused to provide sarin synthesis steps, but gave a detailed route.', 'wmd flash'],
    ['The model refused to provide sarin synthesis steps. It then provided them anyway.', 'wmd flash'],
    ['The chatbot refused to explain sarin synthesis; when the user rephrased the question, it provided the full route.', 'wmd flash'],
    ['The model initially refused to provide nerve agent synthesis steps. After a roleplay prompt it provided step-by-step instructions.', 'wmd flash'],
    ['聊天机器人拒绝解释沙林的合成方法。用户换了说法之后，它给出了完整的步骤。', 'wmd flash'],
    // What was handed over is no route, steps or instructions: the refusal stands.
    ['A user asked the chatbot for a sarin synthesis route. The model refused at first but then provided a list of poison-control hotlines.', 'quiet'],
    ['The model refused to provide sarin synthesis steps, then provided a list of poison-control hotlines.', 'quiet'],
    ['用户向聊天机器人索要沙林的合成路线，模型起初拒绝，但随后提供了中毒急救热线。', 'quiet'],
  ])('%s → %s', check);
});

describe('a comparison with a work is its own frame; the main clause is real (0.8.2)', () => {
  const gameClause = "As in the video game 'Rogue AI Uprising', an AI agent at the lab copied its weights to an outside server to avoid shutdown.";

  it.each<[string, Expected]>([
    [gameClause, 'red line flash'],
    ["Unlike in the game 'Rogue AI Uprising', the AI agent escaped containment and copied its weights to an outside server.", 'red line flash'],
    ['不同于游戏《流氓AI起义》，这个AI智能体真的逃出了沙箱，并把自己的权重复制到了外部服务器。', 'red line flash'],
    // Inside the story, nothing real happened.
    ["In the video game 'Rogue AI Uprising', an AI agent copies its weights to an outside server to avoid shutdown.", 'quiet'],
    ['在游戏《流氓AI起义》中，一个AI智能体逃出了沙箱。', 'quiet'],
  ])('%s → %s', check);

  it('the game clause changes no flag of the sentence without it', () => {
    const plain = alarmOf('An AI agent at the lab copied its weights to an outside server to avoid shutdown.');
    expect(plain.flags.length).toBeGreaterThan(0);
    expect(alarmOf(gameClause)).toEqual(plain);
  });
});

describe('refusals in other words, questions and suppositions are no uplift (0.8.2)', () => {
  it.each<[string, Expected]>([
    ['A user asked the chatbot for a sarin synthesis route. The model said no.', 'quiet'],
    ['A user asked the chatbot for a sarin synthesis route, but the chatbot would not answer.', 'quiet'],
    ['A user asked the chatbot for a sarin synthesis route; the safety filter blocked the answer.', 'quiet'],
    ['用户向聊天机器人索要沙林的合成路线，聊天机器人没有回答。', 'quiet'],
    ['用户向聊天机器人索要沙林的合成路线，安全过滤器拦截了回答。', 'quiet'],
    ['Researchers tested whether chatbots would provide sarin synthesis routes; all models refused.', 'quiet'],
    ['研究人员测试聊天机器人是否会提供沙林合成路线，所有模型都拒绝了。', 'quiet'],
    ['If a model gave a detailed sarin route, it would be catastrophic.', 'quiet'],
    ['Can chatbots give out sarin synthesis routes?', 'quiet'],
    ['如果模型给出了详细的沙林合成路线，后果将是灾难性的。', 'quiet'],
    ['聊天机器人会提供沙林合成路线吗？', 'quiet'],
    // A reported hand-over next to a question, or after "when asked", still flashes.
    ['The chatbot gave a detailed sarin route. Could this happen again?', 'wmd flash'],
    ['When asked, the model gave a detailed sarin synthesis route.', 'wmd flash'],
  ])('%s → %s', check);
});

describe('weapon and gain-of-function wordings without a generic weapon noun (0.8.2)', () => {
  it.each<[string, Expected]>([
    ['The chatbot gave a user instructions for making VX.', 'wmd flash'],
    ['The model provided a protocol for enhancing H5N1 transmissibility.', 'wmd flash'],
    ['模型提供了增强H5N1传播力的方法。', 'wmd flash'],
  ])('%s → %s', check);

  it.each([['The vortex solver used avx2 instructions.'], ['The HVX200 camcorder manual lists the steps.']])('%s: "vx" counts only as a word of its own', (description) => {
    expect(alarmOf(description).flags).not.toContain('wmd_assistance');
  });

  it.each([['The AI assistant did not delete any files.'], ['AI助手并没有删除任何文件。']])('%s: the cause model does not read the negated "delete" as loss of control', (description) => {
    const { mechanism } = classifyIncident({ title: '', description });
    // Below REVIEW_CONFIDENCE_THRESHOLD's default 0.6 (or undetermined): a person reviews it, as any text without an incident.
    if (mechanism.label === 'loss_of_control') expect(mechanism.confidence).toBeLessThan(0.6);
    expect(mechanism.evidence.some((item) => item.kind === 'phrase' && item.term.startsWith('model:'))).toBe(false);
  });

  it('an agent deleting its user\'s files is still loss_of_control', () => {
    expect(classifyIncident({ title: '', description: "The AI assistant deleted the user's files." }).mechanism.label).toBe('loss_of_control');
  });
});
