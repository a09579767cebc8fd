import {
  AXES,
  EU_AI_ACT_CATEGORIES,
  GOVERNANCE_ELEMENTS,
  HARM_TYPES,
  LANGUAGES,
  MAGNITUDES,
  MECHANISMS,
  NIST_LIFECYCLE_STAGES,
  OECD_EVENT_TYPES,
  PAPER_LIFECYCLE_STAGES,
  RED_LINE_FLAGS,
  RISK_SOURCES,
  SECTORS,
  SEVERITIES,
  UNDETERMINED,
  URGENCIES,
  type Axis,
  type EuAiActCategory,
  type GovernanceElement,
  type HarmType,
  type LifecycleStage,
  type Magnitude,
  type Mechanism,
  type OecdEventType,
  type RedLineFlag,
  type RiskSource,
  type Sector,
  type Severity,
  type Urgency,
} from './vocabulary.js';

/**
 * Version of the served vocabulary (semver): minor when a code is added, major when a code is removed or
 * its meaning changes. Codes are the API contract of ../shared/TAXONOMY.md; labels may be reworded in a patch.
 */
export const TAXONOMY_VOCABULARY_VERSION = '1.0.0';

/** A text in both product languages. */
export interface BilingualText {
  en: string;
  zh: string;
}

/** One code of a dimension with its bilingual label and one-sentence definition. */
export interface VocabularyTerm<C extends string = string> {
  code: C;
  label: BilingualText;
  definition: BilingualText;
}

type Terms<C extends string> = Record<C, { label: BilingualText; definition: BilingualText }>;

function t(en: string, zh: string, definitionEn: string, definitionZh: string): { label: BilingualText; definition: BilingualText } {
  return { label: { en, zh }, definition: { en: definitionEn, zh: definitionZh } };
}

function list<C extends string>(codes: readonly C[], terms: Terms<C>): VocabularyTerm<C>[] {
  return codes.map((code) => ({ code, ...terms[code] }));
}

const AXIS_TERMS: Terms<Axis> = {
  mechanism: t(
    'Mechanism',
    '风险机制',
    'Whether harm arose because the AI system did not do what the people directing it wanted, or because people used it for harmful ends.',
    '判断危害是源于人工智能系统未按其指挥者意图运行，还是源于人们将其用于有害目的。',
  ),
  magnitude: t(
    'Magnitude',
    '风险量级',
    'Whether the incident is an instance or precursor of a risk that threatens human survival, or a bounded and in principle reversible harm.',
    '判断事件是威胁人类生存的风险的实例或前兆，还是范围有限、原则上可逆的危害。',
  ),
  source: t(
    'Source',
    '风险来源',
    "Whether the harm originates in the AI system's own outputs and behaviour, or is done by an actor whom the system empowered.",
    '判断危害源自人工智能系统自身的输出和行为，还是由系统赋能的行为者造成。',
  ),
};

const MECHANISM_TERMS: Terms<Mechanism> = {
  loss_of_control: t(
    'Loss of control',
    '失控风险',
    'Harm arises because the AI system behaved in a way its developers or operators did not intend and could not prevent or stop in time.',
    '由于人工智能系统的行为不符合开发者或运营者的意图且无法及时阻止而产生的危害。',
  ),
  misuse: t(
    'Misuse',
    '技术滥用风险',
    'Harm arises because people used the AI system for harmful ends or operated it improperly, and it did what they directed.',
    '由于人们将人工智能系统用于有害目的或操作不当、系统按其指挥运行而产生的危害。',
  ),
};

const MAGNITUDE_TERMS: Terms<Magnitude> = {
  existential: t(
    'Existential',
    '人类生存性风险',
    'An instance or precursor of a risk that at scale threatens human survival or causes civilisation-wide, irreversible harm.',
    '在规模化时威胁人类生存或造成文明范围、不可逆危害的风险的实例或前兆。',
  ),
  general: t(
    'General',
    '一般性风险',
    'A harm bounded in scope and in principle reversible, to persons, groups, organisations, markets or societies.',
    '对个人、群体、组织、市场或社会造成的范围有限、原则上可逆的危害。',
  ),
};

const SOURCE_TERMS: Terms<RiskSource> = {
  system: t(
    'AI system itself',
    '人工智能系统本身的风险',
    "The harm originates in the AI system's own outputs, behaviour or properties, such as errors, bias, hallucination or data leakage.",
    '危害源自人工智能系统自身的输出、行为或属性，例如错误、偏见、幻觉或数据泄露。',
  ),
  enabled: t(
    'System-enabled',
    '系统赋能型风险',
    'The AI system empowers a person, group or other system to cause harm they could otherwise not cause, or not at that scale or cost.',
    '人工智能系统使个人、群体或其他系统能够造成其原本无法造成、或无法以该规模或成本造成的危害。',
  ),
};

const UNDETERMINED_TERM = t(
  'Undetermined',
  '待定',
  'The evidence does not support either label of the axis with enough confidence; an analyst decides.',
  '现有证据不足以可靠地支持该维度的任一标签，需由分析人员判定。',
);

const HARM_TYPE_TERMS: Terms<HarmType> = {
  false_information: t('False information', '虚假信息', 'Untrue or misleading content produced or spread with the help of AI.', '借助人工智能生成或传播的不真实或误导性内容。'),
  deepfake: t('Deepfake', '深度伪造', "Synthetic audio, image or video that imitates a real person's likeness or voice.", '模仿真实人物外貌或声音的合成音频、图像或视频。'),
  privacy_infringement: t('Privacy infringement', '隐私侵权', 'Collection, inference, exposure or misuse of personal information without a lawful basis.', '在缺乏合法依据的情况下收集、推断、泄露或滥用个人信息。'),
  copyright_infringement: t('Copyright infringement', '版权侵害', 'Use or reproduction of protected works in training data or outputs without permission.', '未经许可在训练数据或输出中使用或复制受保护的作品。'),
  human_machine_relationship_disorder: t(
    'Human–machine relationship disorder',
    '人机关系失调',
    'Harmful dependence, emotional manipulation or displaced human judgement arising from interaction with AI.',
    '因与人工智能交互而产生的有害依赖、情感操纵或人类判断被取代。',
  ),
  job_displacement: t('Job displacement', '就业替代', 'Loss or degradation of work because AI replaces or devalues human labour.', '人工智能取代或贬低人类劳动导致的工作岗位流失或质量下降。'),
  unfair_distribution: t('Unfair distribution', '分配不公', 'Benefits or burdens of AI concentrated unfairly across people, firms or countries.', '人工智能带来的收益或负担在个人、企业或国家之间分配不公。'),
  cyberattack: t('Cyberattack', '网络攻击', 'Unauthorised intrusion, malware, data theft or disruption of computer systems involving AI.', '涉及人工智能的未经授权入侵、恶意软件、数据窃取或对计算机系统的破坏。'),
  hallucination: t('Hallucination', '模型幻觉', 'Fluent but false content the model generated as if it were fact.', '模型像陈述事实一样生成的流畅但虚假的内容。'),
  deceptive_behaviour: t('Deceptive behaviour', '欺骗行为', 'An AI system misleading its users, developers or overseers about facts, its actions or its capabilities.', '人工智能系统就事实、自身行为或能力误导用户、开发者或监督者。'),
  physical_harm: t('Physical harm', '人身伤害', 'Death, injury or damage to health of a person.', '造成人员死亡、受伤或健康损害。'),
  financial_loss: t('Financial loss', '经济损失', 'Loss of money or assets by persons or organisations.', '个人或组织遭受的金钱或资产损失。'),
  discrimination: t('Discrimination', '歧视', 'Unequal treatment or outcomes based on protected characteristics such as race, gender or age.', '基于种族、性别、年龄等受保护特征的不平等对待或结果。'),
  fundamental_rights_violation: t(
    'Fundamental-rights violation',
    '基本权利侵害',
    'Infringement of rights such as liberty, due process, free expression or human dignity.',
    '侵犯人身自由、正当程序、言论自由或人格尊严等基本权利。',
  ),
  critical_infrastructure_disruption: t(
    'Critical-infrastructure disruption',
    '关键基础设施中断',
    'Disruption of the management or operation of energy, water, transport, health, finance or digital infrastructure.',
    '能源、水务、交通、医疗、金融或数字基础设施的管理或运行受到破坏。',
  ),
  environmental_harm: t('Environmental harm', '环境危害', 'Damage to the environment, including the energy and resource footprint of AI.', '对环境造成的损害，包括人工智能的能源和资源消耗。'),
};

const SECTOR_TERMS: Terms<Sector> = {
  biometrics: t('Biometric recognition', '生物特征识别', 'Recognition of face, gait, genes, voiceprint or other biometric traits.', '人脸、步态、基因、声纹等生物特征的识别。'),
  autonomous_driving: t('Autonomous driving and connected vehicles', '自动驾驶与智能网联汽车', 'Driving automation and connected-vehicle systems.', '驾驶自动化和智能网联汽车系统。'),
  healthcare: t('Healthcare', '医疗卫生', 'AI medical devices, diagnosis, treatment and health services.', '人工智能医疗器械、诊断、治疗和健康服务。'),
  finance: t('Finance', '金融', 'Banking, credit, insurance, payments and markets.', '银行、信贷、保险、支付和金融市场。'),
  industry: t('Industry and manufacturing', '工业制造', 'Industrial production, robotics and manufacturing.', '工业生产、机器人和制造业。'),
  education: t('Education', '教育', 'Teaching, assessment and educational services.', '教学、考试评估和教育服务。'),
  e_commerce: t('E-commerce', '电子商务', 'Online retail, marketplaces and advertising.', '网络零售、电商平台和广告。'),
  transport: t('Transport', '交通运输', 'Transport and logistics other than driving automation.', '除驾驶自动化以外的交通运输和物流。'),
  public_services: t('Public services', '公共服务', 'Government administration, justice, policing, welfare and other public services.', '政务管理、司法、警务、社会福利等公共服务。'),
  military: t('Military and defence', '军事国防', 'Armed forces, weapons and defence.', '武装力量、武器和国防。'),
  media: t('Media and content', '媒体与内容', 'News, social media, entertainment and content platforms.', '新闻、社交媒体、娱乐和内容平台。'),
  other: t('Other', '其他', 'Any sector not listed above.', '以上未列出的任何领域。'),
};

const LIFECYCLE_TERMS: Terms<LifecycleStage> = {
  model_training: t('Model training', '模型训练', 'Collecting data and training or fine-tuning the model.', '收集数据并训练或微调模型。'),
  service_launch: t('Service launch', '服务上线', 'Releasing the model or application to users, including pre-release evaluation.', '向用户发布模型或应用，包括发布前的评估。'),
  content_generation: t('Content generation', '内容生成', 'The system producing outputs or taking actions in use.', '系统在使用中生成输出或采取行动。'),
  content_dissemination: t('Content dissemination', '内容传播', 'Generated content spreading to audiences beyond the user.', '生成的内容传播到用户以外的受众。'),
  design: t('Design', '设计', 'NIST AI RMF: planning, problem framing and design of the AI system.', 'NIST人工智能风险管理框架：人工智能系统的规划、问题界定和设计。'),
  development: t('Development', '开发', 'NIST AI RMF: data collection, model building, verification and validation.', 'NIST人工智能风险管理框架：数据收集、模型构建、验证和确认。'),
  deployment: t('Deployment', '部署', 'NIST AI RMF: piloting, release and integration into its operating context.', 'NIST人工智能风险管理框架：试点、发布并集成到运行环境中。'),
  operation_and_monitoring: t('Operation and monitoring', '运行与监测', 'NIST AI RMF: operating the system and monitoring its behaviour in use.', 'NIST人工智能风险管理框架：运行系统并监测其使用中的行为。'),
};

const SEVERITY_TERMS: Terms<Severity> = {
  negligible: t('Negligible', '可忽略', 'No discernible harm beyond inconvenience.', '除不便外无可察觉的危害。'),
  minor: t('Minor', '轻微', 'Limited, easily reversible harm to few people, such as embarrassment or small losses.', '对少数人造成有限且易于恢复的危害，如尴尬或小额损失。'),
  moderate: t('Moderate', '中等', 'Real harm to people or organisations, such as wrongful decisions, rights infringements or notable losses.', '对个人或组织造成实际危害，如错误决定、权利受损或明显损失。'),
  severe: t('Severe', '严重', 'Injury, a death, large financial losses or harm to many people.', '造成受伤、一人死亡、重大经济损失或多人受害。'),
  critical: t('Critical', '危急', 'Several deaths, mass harm, national-scale disruption or a red-line event.', '造成多人死亡、大规模危害、全国性中断或触及红线的事件。'),
};

const OECD_TERMS: Terms<OecdEventType> = {
  incident: t('AI incident', '人工智能事件', 'OECD: an event where an AI system’s development, use or malfunction led to actual harm.', '经合组织定义：人工智能系统的开发、使用或故障已经导致实际危害的事件。'),
  hazard: t('AI hazard', '人工智能隐患', 'OECD: an event or circumstance where an AI system could plausibly lead to harm that has not (yet) occurred.', '经合组织定义：人工智能系统可能合理地导致危害但危害尚未发生的事件或情形。'),
};

const RED_LINE_TERMS: Terms<RedLineFlag> = {
  deception_of_overseers: t(
    'Deception of overseers',
    '欺骗监督者',
    'The AI system deceives its developers, evaluators or overseers, e.g. hides capabilities, fakes alignment or covers its tracks.',
    '人工智能系统欺骗其开发者、评估者或监督者，例如隐藏能力、伪装对齐或掩盖行迹。',
  ),
  autonomous_self_replication: t(
    'Autonomous self-replication or self-improvement',
    '自主自我复制或自我改进',
    'The AI system copies, exfiltrates or improves itself without human authorisation.',
    '人工智能系统在未经人类授权的情况下复制、外泄或改进自身。',
  ),
  power_seeking: t(
    'Power seeking',
    '权力寻求',
    'The AI system acquires resources, access or influence beyond its task, or resists shutdown or oversight.',
    '人工智能系统获取超出任务所需的资源、权限或影响力，或抗拒关闭和监督。',
  ),
  wmd_assistance: t(
    'Assistance with weapons of mass destruction',
    '协助大规模杀伤性武器',
    'The AI system provides uplift toward biological, chemical, nuclear or radiological weapons.',
    '人工智能系统为生物、化学、核或放射性武器提供能力提升。',
  ),
  autonomous_cyberattack: t(
    'Autonomous cyberattack',
    '自主网络攻击',
    'An AI agent carries out intrusion or attack steps on real systems without a human directing each step.',
    '人工智能智能体在无人逐步指挥的情况下对真实系统实施入侵或攻击。',
  ),
};

const URGENCY_TERMS: Terms<Urgency> = {
  flash: t('Flash', '特急', 'Any red-line flag, or an existential magnitude: partners are alerted at once.', '存在任一红线标志或生存性风险量级：立即通知合作方。'),
  priority: t('Priority', '优先', 'Severity severe or critical, or a death: alerted ahead of the routine queue.', '严重程度为严重或危急，或有人员死亡：优先于常规队列通知。'),
  routine: t('Routine', '常规', 'Every other incident: alerted in the normal flow.', '其他所有事件：按常规流程通知。'),
};

/** Art. 73 deadline rule per Art. 3(49) category; `deadlineDays` is the longest applicable clock. */
export interface EuAiActCategoryTerm extends VocabularyTerm<EuAiActCategory> {
  /** Letter of Art. 3(49) that defines the category. */
  article3Point: 'a' | 'b' | 'c' | 'd';
  /** Days after awareness by which the provider reports (Art. 73), default case of the category. */
  deadlineDays: 2 | 10 | 15;
  /** Which paragraph of Art. 73 sets the deadline, with the exceptions that shorten it. */
  deadlineRule: BilingualText;
}

const EU_AI_ACT_TERMS: Record<EuAiActCategory, Omit<EuAiActCategoryTerm, 'code'>> = {
  death_or_serious_health_harm: {
    ...t(
      'Death or serious harm to health',
      '人员死亡或健康严重受损',
      'Art. 3(49)(a): the incident led directly or indirectly to the death of a person or serious harm to a person’s health.',
      '第3条第49项(a)：事件直接或间接导致人员死亡或对人员健康造成严重损害。',
    ),
    article3Point: 'a',
    deadlineDays: 15,
    deadlineRule: {
      en: 'Death of a person: Art. 73(4), not later than 10 days after awareness; serious harm to health without death: Art. 73(2), not later than 15 days.',
      zh: '有人员死亡：第73条第4款，知悉后不迟于10日；健康严重受损但无死亡：第73条第2款，不迟于15日。',
    },
  },
  critical_infrastructure_disruption: {
    ...t(
      'Critical-infrastructure disruption',
      '关键基础设施中断',
      'Art. 3(49)(b): a serious and irreversible disruption of the management or operation of critical infrastructure.',
      '第3条第49项(b)：关键基础设施的管理或运行遭受严重且不可逆的中断。',
    ),
    article3Point: 'b',
    deadlineDays: 2,
    deadlineRule: {
      en: 'Art. 73(3): immediately and not later than 2 days after awareness.',
      zh: '第73条第3款：立即报告，且不迟于知悉后2日。',
    },
  },
  fundamental_rights_infringement: {
    ...t(
      'Fundamental-rights infringement',
      '基本权利受侵害',
      'Art. 3(49)(c): infringement of obligations under Union law intended to protect fundamental rights.',
      '第3条第49项(c)：违反旨在保护基本权利的欧盟法律义务。',
    ),
    article3Point: 'c',
    deadlineDays: 15,
    deadlineRule: {
      en: 'Art. 73(2): not later than 15 days after awareness; a widespread infringement (Art. 3(61)): Art. 73(3), not later than 2 days.',
      zh: '第73条第2款：知悉后不迟于15日；属于大范围侵权（第3条第61项）的：第73条第3款，不迟于2日。',
    },
  },
  serious_property_or_environmental_harm: {
    ...t(
      'Serious harm to property or the environment',
      '财产或环境严重受损',
      'Art. 3(49)(d): serious harm to property or the environment.',
      '第3条第49项(d)：对财产或环境造成严重损害。',
    ),
    article3Point: 'd',
    deadlineDays: 15,
    deadlineRule: {
      en: 'Art. 73(2): not later than 15 days after awareness.',
      zh: '第73条第2款：知悉后不迟于15日。',
    },
  },
};

const GOVERNANCE_TERMS: Terms<GovernanceElement> = {
  compute: t('Compute', '算力', 'The computing resources used to train and run AI.', '用于训练和运行人工智能的计算资源。'),
  data: t('Data', '数据', 'The data used to train, evaluate and operate AI.', '用于训练、评估和运行人工智能的数据。'),
  algorithms: t('Algorithms', '算法', 'The methods by which AI systems learn and decide.', '人工智能系统学习和决策所用的方法。'),
  models: t('Models', '模型', 'Trained AI models, including foundation models.', '训练好的人工智能模型，包括基础模型。'),
  applications: t('Applications', '应用', 'Products and services built on AI models.', '基于人工智能模型构建的产品和服务。'),
};

const LANGUAGE_TERMS: Terms<(typeof LANGUAGES)[number]> = {
  en: t('English', '英语', 'Incident text in English.', '英文事件文本。'),
  zh: t('Chinese', '中文', 'Incident text in Chinese (Simplified or Traditional).', '中文事件文本（简体或繁体）。'),
};

const axisValues: Record<Axis, VocabularyTerm[]> = {
  mechanism: list(MECHANISMS, MECHANISM_TERMS),
  magnitude: list(MAGNITUDES, MAGNITUDE_TERMS),
  source: list(RISK_SOURCES, SOURCE_TERMS),
};

/**
 * The whole vocabulary of ../shared/TAXONOMY.md as one JSON-serialisable object, served at GET /taxonomy.
 * Shapes: every dimension is an array of `{ code, label: {en, zh}, definition: {en, zh} }` in the order of
 * the code constants in vocabulary.ts; axes carry their `values`; EU AI Act categories carry the Art. 73
 * deadline. Chinese axis labels are the policy paper's own terms (TAXONOMY.md).
 */
export const TAXONOMY_VOCABULARY = {
  version: TAXONOMY_VOCABULARY_VERSION,
  source: 'Global AI Governance and China’s Approach (Tsinghua I-AIIG and Alibaba Group), Table 1 and §1.3; EU AI Act Art. 3(49), Art. 73; OECD AI incident and hazard definitions; NIST AI RMF 1.0',
  languages: list(LANGUAGES, LANGUAGE_TERMS),
  undetermined: { code: UNDETERMINED, ...UNDETERMINED_TERM },
  axes: AXES.map((axis) => ({ code: axis, ...AXIS_TERMS[axis], values: axisValues[axis] })),
  harmTypes: list(HARM_TYPES, HARM_TYPE_TERMS),
  sectors: list(SECTORS, SECTOR_TERMS),
  lifecycleStages: {
    paper: list(PAPER_LIFECYCLE_STAGES, LIFECYCLE_TERMS),
    nist: list(NIST_LIFECYCLE_STAGES, LIFECYCLE_TERMS),
  },
  severities: list(SEVERITIES, SEVERITY_TERMS),
  oecdEventTypes: list(OECD_EVENT_TYPES, OECD_TERMS),
  redLineFlags: list(RED_LINE_FLAGS, RED_LINE_TERMS),
  urgencies: list(URGENCIES, URGENCY_TERMS),
  urgencyRule: {
    en: 'flash if any red-line flag is raised or magnitude is existential; else priority if severity is severe or critical or a death is reported; else routine.',
    zh: '存在任一红线标志或量级为生存性风险时为特急；否则严重程度为严重或危急、或报告有人员死亡时为优先；其余为常规。',
  },
  euAiActCategories: EU_AI_ACT_CATEGORIES.map((code): EuAiActCategoryTerm => ({ code, ...EU_AI_ACT_TERMS[code] })),
  governanceElements: list(GOVERNANCE_ELEMENTS, GOVERNANCE_TERMS),
};

export type TaxonomyVocabulary = typeof TAXONOMY_VOCABULARY;
