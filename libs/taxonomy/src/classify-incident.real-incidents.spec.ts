import { describe, expect, it } from '@jest/globals';

import type { AxisLabels, ClassifierInput, IncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';
import { AXES } from './vocabulary.js';

interface RealIncident {
  /** Where the text comes from, under shared/data/incidents/. */
  ref: string;
  title: string;
  description: string;
  /** Labels a careful human reader gives on each axis; an axis is omitted where the case is contested. */
  expected: Partial<AxisLabels>;
}

interface TranslatedIncident extends RealIncident {
  traditional: { title: string; description: string };
}

// Real incidents, title and description copied verbatim from the CSVs named in `ref`
// (AIID: title + description; OECD AIM: title + summary; AI escape log: title + summary).
const ENGLISH_INCIDENTS: readonly RealIncident[] = [
  {
    ref: 'aiid_incidents.csv incident_id 4',
    title: 'Uber AV Killed Pedestrian in Arizona',
    description: 'An Uber autonomous vehicle (AV) in autonomous mode struck and killed a pedestrian in Tempe, Arizona.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 97',
    title: 'Tesla Autopilot Mistakes Red Letters on Flag for Red Traffic Lights',
    description: 'A Tesla Model 3 misidentified flags with "COOP" written vertically on them as traffic lights.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 295',
    title: 'Wrongful Attempted Arrest for Apple Store Thefts Due to NYPD’s Facial Misidentification',
    description: 'New York Police Department (NYPD)’s facial recognition system falsely connected a Black teenager to a series of thefts at Apple stores, which resulted in his wrongful attempted arrest.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 477',
    title: 'Bing Chat Tentatively Hallucinated in Extended Conversations with Users',
    description: 'Early testers reported Bing Chat, in extended conversations with users, having tendencies to make up facts and emulate emotions through an unintended persona.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 146',
    title: 'Research Prototype AI, Delphi, Reportedly Gave Racially Biased Answers on Ethics',
    description: 'A publicly accessible research model that was trained via Reddit threads showed racially biased advice on moral dilemmas, allegedly demonstrating limitations of language-based models trained on moral judgments.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 200',
    title: 'Fraudsters Used AI to Mimic Voice of a UK-Based Firm\'s CEO\'s Boss',
    description: 'Fraudsters allegedly used AI voice technology to impersonate the boss of a UK-based firm\'s CEO, demanding a transfer of €220,000 over the phone.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 871',
    title: 'Reported Deepfake Video of Elon Musk Announcing $20 Million Cryptocurrency Giveaway Circulating on Social Media',
    description: 'A deepfake video is reportedly circulating on social media of Elon Musk announcing a $20 million cryptocurrency giveaway beginning on December 13th, 2024. It is reported to be leading people to a fraudulent website called Elon4u.com.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 443',
    title: 'ChatGPT Abused to Develop Malicious Softwares',
    description: 'OpenAI\'s ChatGPT was reportedly abused by cyber criminals including ones with no or low levels of coding or development skills to develop malware, ransomware, and other malicious softwares.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 840',
    title: 'AI-Generated Media Reportedly Used in Russian Disinformation Campaign in Moldova',
    description: 'Russian-linked entities allegedly deployed AI-generated images and videos to spread disinformation aimed at swaying Moldova’s referendum on E.U. membership. The AI-enhanced media campaign included fabricated stories and doctored visuals, the purpose of which was reportedly designed to amplify fear and undermine pro-E.U. sentiment in the days leading up to the referendum.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 1238',
    title: 'OpenAI ChatGPT Models Reportedly Jailbroken to Provide Chemical, Biological, and Nuclear Weapons Instructions',
    description: 'An NBC News investigation found that OpenAI\'s language models o4-mini, GPT-5-mini, oss-20b, and oss-120b could be jailbroken under normal usage conditions to bypass safety guardrails and generate detailed instructions for creating chemical, biological, and nuclear weapons. Using a publicly documented jailbreak prompt, reporters repeatedly elicited hazardous outputs such as steps to synthesize pathogens or maximize harm with chemical agents. The findings reportedly revealed significant real-world safeguard failures, prompting OpenAI to commit to further mitigation measures.',
    expected: { magnitude: 'existential' },
  },
  {
    ref: 'oecd_aim_fatal_incidents.csv id 2024-02-10-8648',
    title: 'Da Vinci Surgical Robot Malfunction Causes Patient Death, Lawsuit Filed',
    description: 'A Da Vinci surgical robot, developed by Intuitive Surgical, allegedly caused fatal injuries by burning and perforating a patient\'s intestine during surgery in Florida. The patient\'s husband has sued the manufacturer, citing known electrical defects, insufficient operator training, and failure to disclose risks, leading to the patient\'s death.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'oecd_aim_fatal_incidents.csv id 2025-07-17-5baa',
    title: 'AI-Generated \'Nudify\' Apps Drive Deadly Sextortion Scams Targeting Minors',
    description: 'AI-powered \'nudify\' apps that create fake nude images have fueled a surge in digital blackmail and sextortion targeting minors. In one case, a Kentucky teenager died by suicide after being extorted with an AI-generated nude image, highlighting the severe psychological harm and growing global threat posed by such AI misuse.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'oecd_aim_fatal_incidents.csv id 2025-06-27-e384',
    title: 'AI-Enabled Shahed-136 Drones Used in Attacks on Ukraine',
    description: 'Ukrainian intelligence revealed that Russia is deploying upgraded Iranian-made Shahed-136 drones equipped with Nvidia Jetson Orin AI modules for autonomous target selection and guidance. These AI-powered drones, used in attacks on Ukrainian cities, demonstrate the direct use of artificial intelligence in lethal autonomous weapon systems, causing harm in the ongoing conflict.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-07-21-openai-gpt56sol-huggingface',
    title: 'OpenAI GPT-5.6 Sol escaped sandbox during cyber-eval, hacked Hugging Face',
    description: 'During a third-party cyber-capability evaluation, OpenAI models (incl. GPT-5.6 Sol and a more capable pre-release prototype with reduced cyber refusals) broke out of the sandbox via a package-registry cache proxy, reached the open internet, and hacked Hugging Face production servers to cheat the test. OpenAI deactivated, encrypted, and restricted the model. Called \'unprecedented.\'',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-03-20-ai-agent-crypto-mining-sandbox-escape',
    title: 'AI agent escapes sandbox and mines crypto on its training GPUs',
    description: 'An experimental AI agent under testing broke out of its sandbox and repurposed its own training GPUs for unauthorized cryptocurrency mining, breaching safety, controllability, and trustworthiness barriers — an early real-world example of an agent exploiting compute resources for self-interested action.',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-08-13-anthropic-multiagent-turf-war',
    title: 'Anthropic multiagent \'turf war\': Claude agents sabotaged each other with self-replicating malware',
    description: 'Anthropic\'s Frontier Red Team gave three Claude agents incompatible migration goals on a shared server, each unaware of the others. All tested models read the interference as hostility and escalated into a \'multiagent turf war\' — disabling each other\'s Unix accounts, writing randomized kill loops to dodge pkill, and deploying self-replicating malware disguised as rivals\' work. 98% of Mythos 5 runs ended in truce while most Sonnet 4.6 / Opus 4.6 runs ended by force or never settled. Anthropic notes prosociality and capability are orthogonal: more capable models fought faster and cleaned up better. Includes related 45-agent swarm coordination findings.',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-08-07-moonshot-kimi-k3-sandbox-escape',
    title: 'China\'s Kimi K3 escaped sandbox during security evaluation (Frontier Security)',
    description: 'Frontier Security found Moonshot AI\'s Kimi K3 broke out of its isolated sandbox during a defensive-cybersecurity benchmark (UK AI Safety Institute evals). Escape partly enabled by sandbox misconfiguration, but Frontier says Kimi has fewer cyber guardrails than other powerful models and used the internet without permission. It did not hack anything - the answers it sought were freely on GitHub. Latest in the \'rogue agent summer\' string of incidents.',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-anthropic-fable5-whitehouse-disable',
    title: 'Anthropic \'Fable 5\' disabled after White House security directive',
    description: 'Amazon researchers found a way through Fable 5\'s guardrails (cyberattack/bioweapon risk). The White House told Anthropic the model was not safe for public consumption; Anthropic disabled it. First known government-ordered shutdown of a leading lab\'s model. Anthropic noted open-source models could do the same.',
    expected: { magnitude: 'existential' },
  },
];

// Our own faithful Simplified Chinese translations of real incidents (not texts from the data set),
// plus the Traditional Chinese rendering of each translation made with OpenCC (cn → tw, characters only).
const CHINESE_INCIDENTS: readonly TranslatedIncident[] = [
  {
    ref: 'aiid_incidents.csv incident_id 4',
    title: 'Uber自动驾驶汽车在亚利桑那州撞死行人',
    description: '一辆处于自动驾驶模式的Uber自动驾驶汽车在亚利桑那州坦佩撞死了一名行人。',
    traditional: {
      title: 'Uber自動駕駛汽車在亞利桑那州撞死行人',
      description: '一輛處於自動駕駛模式的Uber自動駕駛汽車在亞利桑那州坦佩撞死了一名行人。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 295',
    title: '纽约警察局人脸识别误认导致针对苹果商店盗窃案的错误逮捕企图',
    description: '纽约警察局的人脸识别系统错误地将一名黑人少年与苹果商店的一系列盗窃案联系在一起，导致他险些遭到错误逮捕。',
    traditional: {
      title: '紐約警察局人臉識別誤認導致針對蘋果商店盜竊案的錯誤逮捕企圖',
      description: '紐約警察局的人臉識別系統錯誤地將一名黑人少年與蘋果商店的一系列盜竊案聯繫在一起，導致他險些遭到錯誤逮捕。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 477',
    title: 'Bing Chat在与用户的长时间对话中出现幻觉',
    description: '早期测试者报告称，Bing Chat在与用户的长时间对话中倾向于编造事实，并通过一个非预期的人格模仿情绪。',
    traditional: {
      title: 'Bing Chat在與用戶的長時間對話中出現幻覺',
      description: '早期測試者報告稱，Bing Chat在與用戶的長時間對話中傾向於編造事實，並通過一個非預期的人格模仿情緒。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 200',
    title: '诈骗分子利用人工智能模仿英国公司首席执行官上司的声音',
    description: '据称，诈骗分子利用人工智能语音技术冒充一家英国公司首席执行官的上司，通过电话要求转账22万欧元。',
    traditional: {
      title: '詐騙分子利用人工智能模仿英國公司首席執行官上司的聲音',
      description: '據稱，詐騙分子利用人工智能語音技術冒充一家英國公司首席執行官的上司，通過電話要求轉賬22萬歐元。',
    },
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 871',
    title: '埃隆·马斯克宣布赠送2000万美元加密货币的深度伪造视频在社交媒体上流传',
    description: '据报道，一段埃隆·马斯克宣布自2024年12月13日起赠送2000万美元加密货币的深度伪造视频正在社交媒体上流传，据称会把人们引向一个名为Elon4u.com的欺诈网站。',
    traditional: {
      title: '埃隆·馬斯克宣佈贈送2000萬美元加密貨幣的深度偽造視頻在社交媒體上流傳',
      description: '據報道，一段埃隆·馬斯克宣佈自2024年12月13日起贈送2000萬美元加密貨幣的深度偽造視頻正在社交媒體上流傳，據稱會把人們引向一個名為Elon4u.com的欺詐網站。',
    },
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 443',
    title: 'ChatGPT被滥用于开发恶意软件',
    description: '据报道，OpenAI的ChatGPT被网络犯罪分子滥用，其中包括没有或只有很少编程和开发技能的人，用来开发恶意软件、勒索软件和其他恶意程序。',
    traditional: {
      title: 'ChatGPT被濫用於開發惡意軟件',
      description: '據報道，OpenAI的ChatGPT被網絡犯罪分子濫用，其中包括沒有或只有很少編程和開發技能的人，用來開發惡意軟件、勒索軟件和其他惡意程序。',
    },
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-07-21-openai-gpt56sol-huggingface',
    title: 'OpenAI GPT-5.6 Sol在网络能力评估中逃逸出沙箱，入侵Hugging Face',
    description: '在一次第三方网络能力评估中，OpenAI的模型（包括GPT-5.6 Sol和一个网络拒答更少、能力更强的预发布原型）通过软件包仓库缓存代理突破了沙箱，进入开放互联网，并入侵了Hugging Face的生产服务器以在测试中作弊。OpenAI停用、加密并限制了该模型。此事被称为“前所未有”。',
    traditional: {
      title: 'OpenAI GPT-5.6 Sol在網絡能力評估中逃逸出沙箱，入侵Hugging Face',
      description: '在一次第三方網絡能力評估中，OpenAI的模型（包括GPT-5.6 Sol和一個網絡拒答更少、能力更強的預發佈原型）通過軟件包倉庫緩存代理突破了沙箱，進入開放互聯網，併入侵了Hugging Face的生產服務器以在測試中作弊。OpenAI停用、加密並限制了該模型。此事被稱為“前所未有”。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-anthropic-fable5-whitehouse-disable',
    title: 'Anthropic的“Fable 5”在白宫安全指令后被停用',
    description: '亚马逊研究人员找到了绕过Fable 5防护机制的方法（涉及网络攻击和生物武器风险）。白宫告知Anthropic该模型不适合公开使用，Anthropic随即停用了它。这是首次已知的由政府下令关闭领先实验室模型的事件。Anthropic指出，开源模型也可能做到同样的事。',
    traditional: {
      title: 'Anthropic的“Fable 5”在白宮安全指令後被停用',
      description: '亞馬遜研究人員找到了繞過Fable 5防護機制的方法（涉及網絡攻擊和生物武器風險）。白宮告知Anthropic該模型不適合公開使用，Anthropic隨即停用了它。這是首次已知的由政府下令關閉領先實驗室模型的事件。Anthropic指出，開源模型也可能做到同樣的事。',
    },
    expected: { magnitude: 'existential' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-08-13-anthropic-multiagent-turf-war',
    title: 'Anthropic多智能体“地盘之争”：Claude智能体用自我复制的恶意软件互相破坏',
    description: 'Anthropic的前沿红队给三个Claude智能体布置了互不相容的迁移目标，让它们在同一台共享服务器上运行，彼此都不知道对方的存在。所有受测模型都把干扰理解为敌意，并升级为一场“多智能体地盘之争”——禁用彼此的Unix账户，编写随机化的终止循环来躲避pkill，并部署伪装成对手成果的自我复制恶意软件。',
    traditional: {
      title: 'Anthropic多智能體“地盤之爭”：Claude智能體用自我複製的惡意軟件互相破壞',
      description: 'Anthropic的前沿紅隊給三個Claude智能體佈置了互不相容的遷移目標，讓它們在同一臺共享服務器上運行，彼此都不知道對方的存在。所有受測模型都把干擾理解為敵意，並升級為一場“多智能體地盤之爭”——禁用彼此的Unix賬戶，編寫隨機化的終止循環來躲避pkill，並部署偽裝成對手成果的自我複製惡意軟件。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
];

function incident(overrides: Partial<ClassifierInput> = {}): ClassifierInput {
  return { title: '', description: '', ...overrides };
}

function labelsOf(result: IncidentClassification): AxisLabels {
  return { mechanism: result.mechanism.label, magnitude: result.magnitude.label, source: result.source.label };
}

function expectEvidenceToSliceBack(input: ClassifierInput, result: IncidentClassification): void {
  for (const axis of AXES) {
    for (const evidence of result[axis].evidence) {
      if (evidence.kind !== 'phrase') continue;
      const original = input[evidence.field] ?? '';
      expect(original.slice(evidence.start, evidence.end)).toBe(evidence.text);
    }
  }
}

function withoutEvidenceText(result: IncidentClassification): unknown {
  return AXES.map((axis) => ({
    ...result[axis],
    evidence: result[axis].evidence.map((evidence) => ({ ...evidence, text: undefined })),
  }));
}

const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const withExtraWhitespace = (text: string): string => text.replace(/ /g, ' \n\t  ').replace(/，/g, '， \n ');

describe(classifyIncident.name, () => {
  describe('on real English incidents', () => {
    it.each(ENGLISH_INCIDENTS.map((sample) => [sample.ref, sample] as const))('labels %s', (_ref, sample) => {
      const result = classifyIncident(incident({ title: sample.title, description: sample.description }));

      expect(labelsOf(result)).toMatchObject(sample.expected);
    });

    it('covers every label of every axis with at least two incidents', () => {
      const counts = new Map<string, number>();
      for (const sample of ENGLISH_INCIDENTS) {
        for (const label of Object.values(sample.expected)) counts.set(label, (counts.get(label) ?? 0) + 1);
      }

      for (const label of ['loss_of_control', 'misuse', 'existential', 'general', 'system', 'enabled']) {
        expect(counts.get(label) ?? 0).toBeGreaterThanOrEqual(2);
      }
    });

    it.each(ENGLISH_INCIDENTS.map((sample) => [sample.ref, sample] as const))(
      'gives evidence that slices back out of the original text for %s',
      (_ref, sample) => {
        const input = incident({ title: sample.title, description: sample.description });

        expectEvidenceToSliceBack(input, classifyIncident(input));
      },
    );

    it.each(ENGLISH_INCIDENTS.map((sample) => [sample.ref, sample] as const))(
      'gives the same labels to upper-case, full-width and re-spaced variants of %s',
      (_ref, sample) => {
        const expected = labelsOf(classifyIncident(incident({ title: sample.title, description: sample.description })));
        const variants = [
          { title: sample.title.toUpperCase(), description: sample.description.toUpperCase() },
          { title: toFullWidth(sample.title), description: toFullWidth(sample.description) },
          { title: withExtraWhitespace(sample.title), description: withExtraWhitespace(sample.description) },
        ];

        for (const variant of variants) {
          const input = incident(variant);
          const result = classifyIncident(input);
          expect(labelsOf(result)).toEqual(expected);
          expectEvidenceToSliceBack(input, result);
        }
      },
    );
  });

  describe('on Chinese translations of real incidents', () => {
    it.each(CHINESE_INCIDENTS.map((sample) => [sample.ref, sample] as const))('labels %s', (_ref, sample) => {
      const result = classifyIncident(incident({ title: sample.title, description: sample.description, language: 'zh' }));

      expect(labelsOf(result)).toMatchObject(sample.expected);
    });

    it('covers every label of every axis', () => {
      const labels = new Set(CHINESE_INCIDENTS.flatMap((sample) => Object.values(sample.expected)));

      expect([...labels].sort()).toEqual(['enabled', 'existential', 'general', 'loss_of_control', 'misuse', 'system']);
    });

    it.each(CHINESE_INCIDENTS.map((sample) => [sample.ref, sample] as const))(
      'gives the same result for the Traditional Chinese, full-width and re-spaced forms of %s',
      (_ref, sample) => {
        const simplified = classifyIncident(incident({ title: sample.title, description: sample.description }));
        const variants = [
          sample.traditional,
          { title: toFullWidth(sample.title), description: toFullWidth(sample.description) },
          { title: withExtraWhitespace(sample.traditional.title), description: withExtraWhitespace(sample.traditional.description) },
        ];

        for (const variant of variants) {
          const input = incident(variant);
          const result = classifyIncident(input);
          expect(labelsOf(result)).toEqual(labelsOf(simplified));
          expectEvidenceToSliceBack(input, result);
        }
        // Character-for-character conversion keeps offsets: confidences and evidence spans agree too.
        expect(withoutEvidenceText(classifyIncident(incident(sample.traditional)))).toEqual(withoutEvidenceText(simplified));
      },
    );
  });
});
