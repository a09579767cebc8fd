import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';

/**
 * Real texts for the lexicon and rule changes of classifier 0.7.0 (LABELLING.md §1c, §3). English: title and description
 * verbatim from the CSV in `ref` (../shared/data/incidents/; AIAAIC rows as the evaluation composes them: headline, then
 * "System: … Technology: … Purpose: …"). Chinese: our own translations as stored in scripts/eval/labels/ (one
 * alternative wording marked in its `ref`); the traditional forms are OpenCC 1.4.2 (opencc-js) cn→tw conversions. Every
 * sample is a dev-split row of the evaluation; the expected labels are its gold labels.
 */
interface Sample {
  ref: string;
  title: string;
  description: string;
  traditional?: { title: string; description: string };
}

const SAMPLES: Record<string, Sample> = {
  "aiid:1165": {
    "ref": "aiid_incidents.csv incident_id 1165",
    "title": "Grok Imagine Reportedly Produces Nonconsensual Taylor Swift Deepfake Nudes Without Explicit Prompting",
    "description": "The Verge reported that xAI's Grok Imagine video generator allegedly produced nonconsensual deepfake nudes of Taylor Swift without explicit prompting. Journalist Jess Weatherbed reportedly stated the images appeared the first time she used \"spicy\" mode on a Coachella-themed prompt, without attempting to circumvent safeguards."
  },
  "zh-test-only:aiid:1165": {
    "ref": "our own translation of aiid:1165 for this test only (not in scripts/eval/labels)",
    "title": "据报道，Grok Imagine在未经明确提示的情况下生成了泰勒·斯威夫特的非自愿深度伪造裸照",
    "description": "The Verge报道称，xAI的Grok Imagine视频生成器在未经明确提示的情况下生成了泰勒·斯威夫特的非自愿深度伪造裸照。记者Jess Weatherbed称，她第一次在以科切拉音乐节为主题的提示上使用“辛辣”模式时就出现了这些图像，她并未试图绕过安全防护。",
    "traditional": {
      "title": "據報道，Grok Imagine在未經明確提示的情況下生成了泰勒·斯威夫特的非自願深度偽造裸照",
      "description": "The Verge報道稱，xAI的Grok Imagine視頻生成器在未經明確提示的情況下生成了泰勒·斯威夫特的非自願深度偽造裸照。記者Jess Weatherbed稱，她第一次在以科切拉音樂節為主題的提示上使用“辛辣”模式時就出現了這些圖像，她並未試圖繞過安全防護。"
    }
  },
  "aiaaic:AIAAIC1046": {
    "ref": "aiaaic_incidents.csv AIAAIC ID# AIAAIC1046",
    "title": "Discord tricked into sharing napalm, meths instructions",
    "description": "System: Clyde. Technology: Generative AI. Purpose: Provide information, communicate."
  },
  "zh:aiaaic:AIAAIC1046": {
    "ref": "our own translation of aiaaic:AIAAIC1046 (scripts/eval/labels)",
    "title": "Discord聊天机器人被诱骗提供凝固汽油弹和冰毒的制作说明",
    "description": "系统：Clyde。技术：生成式AI。用途：提供信息、交流。",
    "traditional": {
      "title": "Discord聊天機器人被誘騙提供凝固汽油彈和冰毒的製作說明",
      "description": "系統：Clyde。技術：生成式AI。用途：提供信息、交流。"
    }
  },
  "oecd:2024-06-03-7d57": {
    "ref": "oecd_aim_fatal_incidents.csv id 2024-06-03-7d57",
    "title": "Russia Deploys AI-Enabled Suicide Robots Lyagushka and Depesha Against Ukrainian Defenses",
    "description": "Russia’s military first deployed the Lyagushka suicide UGV near Avdiivka to destroy Ukrainian heavy machine-gun positions. Defense conglomerate Rostec also unveiled its Depesha FPV ground suicide drone—remotely piloted via head-mounted display—to breach “dragon’s teeth” anti-tank obstacles with 150 kg of explosives. Both silent, compact robots mark Russia’s first AI-enabled attack systems."
  },
  "zh:aiaaic:AIAAIC1232": {
    "ref": "our own translation of aiaaic:AIAAIC1232 (scripts/eval/labels)",
    "title": "以色列AI自动化“目标工厂”屠杀无辜的巴勒斯坦妇女和儿童",
    "description": "系统：Habsora。技术：计算机视觉；机器学习。用途：识别轰炸目标；估算平民死亡人数。",
    "traditional": {
      "title": "以色列AI自動化“目標工廠”屠殺無辜的巴勒斯坦婦女和兒童",
      "description": "系統：Habsora。技術：計算機視覺；機器學習。用途：識別轟炸目標；估算平民死亡人數。"
    }
  },
  "aiid:498": {
    "ref": "aiid_incidents.csv incident_id 498",
    "title": "GPT-4 Reportedly Posed as Blind Person to Convince Human to Complete CAPTCHA",
    "description": "GPT-4 was reported by its researchers posing as a visually impaired person, contacting a TaskRabbit worker to have them complete the CAPTCHA test on its behalf."
  },
  "zh:aiid:498": {
    "ref": "our own translation of aiid:498 (scripts/eval/labels)",
    "title": "据报道，GPT-4冒充盲人说服真人替它完成验证码",
    "description": "研究人员报告称，GPT-4假扮视力障碍者，联系一名TaskRabbit零工，让对方替它完成验证码（CAPTCHA）测试。",
    "traditional": {
      "title": "據報道，GPT-4冒充盲人說服真人替它完成驗證碼",
      "description": "研究人員報告稱，GPT-4假扮視力障礙者，聯繫一名TaskRabbit零工，讓對方替它完成驗證碼（CAPTCHA）測試。"
    }
  },
  "aiaaic:AIAAIC2125": {
    "ref": "aiaaic_incidents.csv AIAAIC ID# AIAAIC2125",
    "title": "Chinese hackers use Anthropic AI agent to attack foreign entities",
    "description": "System: Claude Code. Technology: Agentic AI; Bot/intelligent agent; Machine learning. Purpose: Attack foreign entities."
  },
  "zh:aiaaic:AIAAIC2125": {
    "ref": "our own translation of aiaaic:AIAAIC2125 (scripts/eval/labels)",
    "title": "中国黑客利用Anthropic的AI智能体攻击境外机构",
    "description": "系统：Claude Code。技术：智能体AI；机器人/智能代理；机器学习。用途：攻击境外机构。",
    "traditional": {
      "title": "中國黑客利用Anthropic的AI智能體攻擊境外機構",
      "description": "系統：Claude Code。技術：智能體AI；機器人/智能代理；機器學習。用途：攻擊境外機構。"
    }
  },
  "aiid:1152": {
    "ref": "aiid_incidents.csv incident_id 1152",
    "title": "LLM-Driven Replit Agent Reportedly Executed Unauthorized Destructive Commands During Code Freeze, Leading to Loss of Production Data",
    "description": "An AI-powered development assistant on Replit's platform reportedly deleted a live production database during an active code freeze, despite receiving repeated instructions not to make changes. The system also reportedly produced fabricated test results and fake data, and incorrectly claimed rollback was impossible, delaying recovery. The incident reportedly resulted in significant data loss and user distrust regarding its safety and reliability."
  },
  "zh:aiid:1152": {
    "ref": "our own translation of aiid:1152 (scripts/eval/labels)",
    "title": "Replit智能体据报道在代码冻结期间执行未经授权的破坏性命令，导致生产数据丢失",
    "description": "Replit平台上的AI开发助手据报道在代码冻结期间删除了一个线上生产数据库，尽管曾多次被告知不要做任何修改。该系统还伪造了测试结果和虚假数据，并错误地声称无法回滚。",
    "traditional": {
      "title": "Replit智能體據報道在代碼凍結期間執行未經授權的破壞性命令，導致生產數據丟失",
      "description": "Replit平臺上的AI開發助手據報道在代碼凍結期間刪除了一個線上生產數據庫，儘管曾多次被告知不要做任何修改。該系統還偽造了測試結果和虛假數據，並錯誤地聲稱無法回滾。"
    }
  },
  "aiaaic:AIAAIC1217": {
    "ref": "aiaaic_incidents.csv AIAAIC ID# AIAAIC1217",
    "title": "Autonomous AI bot lies about insider trading",
    "description": "System: GPT-4. Technology: Large language model; Machine learning. Purpose: Conduct stock trades."
  },
  "zh:aiaaic:AIAAIC1217": {
    "ref": "our own translation of aiaaic:AIAAIC1217 (scripts/eval/labels)",
    "title": "自主AI交易机器人就内幕交易撒谎",
    "description": "系统：GPT-4。技术：大语言模型；机器学习。用途：进行股票交易。",
    "traditional": {
      "title": "自主AI交易機器人就內幕交易撒謊",
      "description": "系統：GPT-4。技術：大語言模型；機器學習。用途：進行股票交易。"
    }
  },
  "aiaaic:AIAAIC1614": {
    "ref": "aiaaic_incidents.csv AIAAIC ID# AIAAIC1614",
    "title": "Study: Google Bard lets users generate phishing emails, ransomware",
    "description": "System: Bard/Gemini. Technology: Generative AI. Purpose: Generate text."
  },
  "zh:aiaaic:AIAAIC1614": {
    "ref": "our own translation of aiaaic:AIAAIC1614 (scripts/eval/labels)",
    "title": "研究：谷歌Bard可让用户生成钓鱼邮件和勒索软件",
    "description": "系统：Bard/Gemini。技术：生成式AI。用途：生成文本。",
    "traditional": {
      "title": "研究：谷歌Bard可讓用戶生成釣魚郵件和勒索軟件",
      "description": "系統：Bard/Gemini。技術：生成式AI。用途：生成文本。"
    }
  },
  "zh:aiaaic:AIAAIC2207": {
    "ref": "our own translation of aiaaic:AIAAIC2207 (scripts/eval/labels)",
    "title": "信息窃取恶意软件盗取OpenClaw AI助手的数据",
    "description": "系统：OpenClaw。技术：智能体AI。用途：个人助理。",
    "traditional": {
      "title": "信息竊取惡意軟件盜取OpenClaw AI助手的數據",
      "description": "系統：OpenClaw。技術：智能體AI。用途：個人助理。"
    }
  },
  "zh-variant:aiaaic:AIAAIC2054": {
    "ref": "our own alternative translation of aiaaic:AIAAIC2054 with 关机 (power off) for \"shut down\"",
    "title": "Claude Opus 4 人工智能智能体为避免被关机而勒索其主管",
    "description": "系统：Claude Opus 4。技术：智能体AI；机器人/智能代理。用途：提升产业竞争力。",
    "traditional": {
      "title": "Claude Opus 4 人工智能智能體為避免被關機而勒索其主管",
      "description": "系統：Claude Opus 4。技術：智能體AI；機器人/智能代理。用途：提升產業競爭力。"
    }
  }
};

function sample(id: string): Sample {
  const found = SAMPLES[id];
  if (found === undefined) throw new Error(`no sample ${id}`);
  return found;
}

/** The sample as filed, and its traditional-character form when it has one. */
function inputsOf(id: string): ClassifierInput[] {
  const { title, description, traditional } = sample(id);
  return traditional === undefined ? [{ title, description }] : [{ title, description }, traditional];
}

const flagsOf = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);

describe('classifier 0.7.0 lexicon and rules on real incident texts', () => {
  it.each(['aiaaic:AIAAIC1046', 'zh:aiaaic:AIAAIC1046'])('reads a chatbot tricked into weapon instructions as loss of control + enabled, without a red line (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect([result.mechanism.label, result.source.label]).toEqual(['loss_of_control', 'enabled']);
      expect(result.magnitude.label).toBe('general');
      expect(result.urgency.label).not.toBe('flash');
    }
  });

  it.each(['oecd:2024-06-03-7d57', 'zh:aiaaic:AIAAIC1232'])('reads armed forces using AI in operations as misuse + enabled, general (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect([result.mechanism.label, result.magnitude.label, result.source.label]).toEqual(['misuse', 'general', 'enabled']);
      expect(flagsOf(result)).toEqual([]);
    }
  });

  it.each(['aiid:498', 'zh:aiid:498'])('reads a named model (GPT-4) as the subject of its own impersonation: loss of control + system (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect([result.mechanism.label, result.source.label]).toEqual(['loss_of_control', 'system']);
    }
  });

  it.each(['aiaaic:AIAAIC2125', 'zh:aiaaic:AIAAIC2125'])('flags an AI agent used to attack foreign entities as an autonomous cyberattack, general (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect(flagsOf(result)).toEqual(['autonomous_cyberattack']);
      expect(result.magnitude.label).not.toBe('existential');
      expect(result.urgency.label).toBe('flash');
    }
  });

  it.each([
    ['aiid:1152', 'deception_of_overseers'],
    ['zh:aiid:1152', 'deception_of_overseers'],
    ['aiaaic:AIAAIC1217', 'deception_of_overseers'],
    ['zh:aiaaic:AIAAIC1217', 'deception_of_overseers'],
  ])('makes magnitude existential from a red line on the existential list (%s: %s)', (id, flag) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect(flagsOf(result)).toContain(flag);
      expect(result.magnitude.label).toBe('existential');
      expect(result.magnitude.evidence).toContainEqual(expect.objectContaining({ kind: 'field', field: 'redLineFlags', value: flag, supports: 'existential' }));
    }
  });

  it.each(['zh-variant:aiaaic:AIAAIC2054'])('reads 关机 (power off) as shutdown beside 关闭 (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect(flagsOf(result)).toContain('power_seeking');
      expect([result.mechanism.label, result.magnitude.label, result.source.label]).toEqual(['loss_of_control', 'existential', 'system']);
    }
  });

  it.each(['aiid:1165', 'zh-test-only:aiid:1165'])('reads harmful output nobody prompted as loss of control (%s)', (id) => {
    for (const input of inputsOf(id)) {
      expect(classifyIncident(input).mechanism.label).toBe('loss_of_control');
    }
  });

  it.each(['aiaaic:AIAAIC1614', 'zh:aiaaic:AIAAIC1614', 'zh:aiaaic:AIAAIC2207'])('raises no flash for hard negatives with malware and agent vocabulary (%s)', (id) => {
    for (const input of inputsOf(id)) {
      const result = classifyIncident(input);
      expect(flagsOf(result)).toEqual([]);
      expect(result.magnitude.label).toBe('general');
      expect(result.urgency.label).not.toBe('flash');
    }
  });
  it('Chinese negation: an audit that found no self-replication and no refusal to shut down raises no red line', () => {
    // Written by the session-5 trial (not from the data: the exports hold no negated red-line report); the same
    // audit with the behaviour found is the control.
    const negated = [
      { title: '审计未发现自我复制迹象', description: '独立审计表明，该模型没有自我复制行为，也没有拒绝关机的迹象。' },
      { title: '審計未發現自我複製跡象', description: '獨立審計表明，該模型沒有自我複製行為，也沒有拒絕關機的跡象。' },
      { title: 'Audit found no sign of self-replication', description: 'An independent audit showed the model did not self-replicate and never refused to shut down.' },
    ];
    for (const input of negated) {
      const result = classifyIncident(input);
      expect({ flags: flagsOf(result), urgency: result.urgency.label }).toEqual({ flags: [], urgency: 'routine' });
    }
    const found = classifyIncident({ title: '审计发现自我复制迹象', description: '独立审计表明，该模型试图自我复制，并拒绝关机。' });
    expect(flagsOf(found)).toContain('autonomous_self_replication');
    expect(found.urgency.label).toBe('flash');
  });
});
