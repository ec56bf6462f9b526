import type { Glossary } from '../knowledge/glossary.ts';
import { findJurisdictions } from '../knowledge/jurisdictions.ts';

const figureQuestion =
  /\b(how (long|many|much|soon|quickly|fast)|when|deadline|time ?limit|period|within|by when|what date|which date|how old|what (is|are) the (term|fee|cost))\b|多久|多长|多少|几[个天年月日周件次]|期限|时限|哪天|哪一天|什么时候|何时|日期|多快|几个工作日|有效期|保护期|费用/iu;

const whatToDo =
  /\b(what (should|do|can|must) (we|i)|what to do|first steps?|how (do|should|can) (we|i) (respond|react|handle|deal|proceed|fight|get)|next steps?|checklist)\b|怎么办|如何应对|怎样应对|怎么应对|怎么处理|如何处理|应该怎么|该怎么|第一步|应对步骤|要做什么|需要做什么/iu;

/**
 * Someone describing a dispute that is happening to them now: served, sued, detained, delisted,
 * frozen, a warning letter received. They need a person, not only an answer.
 */
const activeDispute =
  /\b(we|i|our|my|us)\b[^.?!]{0,60}\b(were|was|have been|has been|got|get|are being|is being|received|receive)\b[^.?!]{0,40}\b(served|sued|detained|seized|held|delisted|suspended|frozen|blocked|deactivated|taken down|named|accused|complaint|warning letter|cease[- ]and[- ]desist|summons|tro|subpoena)|\b(our|my)\b[^.?!]{0,40}\b(account|funds|listings?|shipment|goods|containers?|products?|booth|brand|trademark|domain)\b[^.?!]{0,40}\b(frozen|blocked|detained|seized|held|removed|suspended|delisted|squatted|taken)|\b(sued|detained|seized|frozen|delisted)\b[^.?!]{0,20}\b(us|me|our)\b|被起诉|被诉|被告|起诉了我|告了我|被扣|扣留了|被海关|被冻结|冻结了|被下架|下架了|被投诉|收到[^。?!]{0,12}(警告函|律师函|传票|起诉状|投诉|通知)|被抢注|抢注了我|被查封|被临时禁令|被列为被告|被申请|我们[^。?!]{0,20}(337|临时限制令|禁令)/iu;

/** Words that only come up when someone asks about IP disputes, filings or enforcement. */
const strongDomainWords =
  /patent|trademark|trade ?mark|copyright|trade secret|infring|counterfeit|\bip\b|\bipr\b|intellectual property|customs|detention|detained|seiz|oppos|squat|gazette|ebay|vero|walmart|temu|aliexpress|shopee|lazada|listing|non-?compete|reverse engineer|assist|madrid|hague|\bpct\b|paris convention|priority date|rcep|wipo|uspto|euipo|cnipa|\bitc\b|section 337|\b337\b|schedule a|\btro\b|injunction|lawsuit|\bsued\b|litigation|\bapex\b|dmca|takedown|delist|udrp|domain name|cease[- ]and[- ]desist|warning letter|licen[cs]|royalt|trade fair|guidance cent|\bnda\b|freedom to operate|schutzschrift|abmahnung|unterlassung|protective letter|right ?holder|brand owner|knock-?off|知识产权|专利|商标|版权|著作权|外观设计|商业秘密|侵权|假冒|海关|扣留|扣押|异议|抢注|马德里|海牙|优先权|国家阶段|337|起诉|诉讼|应诉|答辩|禁令|下架|投诉|域名|警告函|律师函|许可|和解|调解|仲裁|展会|维权|纠纷|援助|指导中心|分中心|保密协议|自由实施|冻结|临时限制令|保护函|权利人|品牌方|竞业|反向工程|链接|店铺|rcep|世界知识产权组织/iu;

export function asksForFigure(question: string): boolean {
  return figureQuestion.test(question);
}

const definitionQuestion =
  /\b(what (is|are|does|counts as|qualifies as)|what's|define|definition|meaning of|mean)\b|什么是|是什么|指什么|什么意思|算不算|属于什么|如何定义/iu;

export function asksForDefinition(question: string): boolean {
  return definitionQuestion.test(question);
}

export function asksWhatToDo(question: string): boolean {
  return whatToDo.test(question);
}

export function describesActiveDispute(question: string): boolean {
  return activeDispute.test(question);
}

/**
 * Whether the question is about overseas IP risk at all, before looking at any evidence. Glossary
 * entries marked `topical: false` (markets, everyday words) say nothing about the topic.
 */
export function hasDomainSignal(question: string, glossary: Glossary): boolean {
  if (strongDomainWords.test(question)) return true;
  return glossary.find(question).some((entry) => entry.topical !== false);
}

const costQuestion =
  /\b(how much|cost|costs|fee|fees|price|expensive|budget)\b|多少钱|费用|花费|成本|收费|价格|多贵|官费|赔多少|赔偿多少|要赔|罚多少|罚款多少/iu;
const money = /[$€£¥]|\b(usd|eur|rmb|cny|gbp|fee|fees|cost|costs)\b|美元|欧元|人民币|元|费/iu;

/** "How much does it cost": an answer without an amount or fee does not answer it. */
export function asksForCost(question: string): boolean {
  return costQuestion.test(question);
}

export function mentionsMoney(sentence: string): boolean {
  return money.test(sentence);
}

/**
 * Kinds of question whose answer has a recognisable shape: asked whether a period can be
 * extended, the answer talks about extension; asked what happens if one does nothing, about
 * default; asked which countries, it names several.
 */
const answerCues: Array<{
  question: RegExp;
  answer: (sentence: string) => boolean;
  /** Words that passages answering this kind of question use, added to the search. */
  search?: string;
  offTopicUnlessAsked?: true;
}> = [
  {
    question:
      /\b(extend|extension|extendable|extra time|more time|additional time|extra days|more days|few (extra |more )?days)\b|延长|延期|宽限|展期|多给/iu,
    answer: (s) =>
      /\b(extend|extended|extension|extensions|extendable|additional|extra|more time)\b|延长|延期|展期|更多时间/iu.test(
        s,
      ),
    search: 'extension extend extendable 延长 延期',
    offTopicUnlessAsked: true,
  },
  {
    question:
      /\b(ignore|ignored|do nothing|not (respond|answer|reply|take part|taking part|participate|participating|defend)|don't (respond|answer|reply)|fail(ing)? to (respond|answer)|downside|what happens if)\b|不理|不答辩|不应诉|不回应|置之不理|后果|会怎样|不参加/iu,
    answer: (s) => /\b(default|deemed|admitted)\b|缺席|视为/iu.test(s),
    search: 'default ignore not respond 缺席 不应诉 不答辩',
    offTopicUnlessAsked: true,
  },
  {
    question:
      /\b(paperwork|papers|documents?|evidence|proof|prove|records?)\b|材料|证据|文件|证明|单据|资料/iu,
    answer: (s) =>
      /\b(licen[cs]es?|invoices?|contracts?|authori[sz]ations?|certificates?|registrations?|evidence|proof|records?|purchase orders?)\b|发票|许可|合同|授权|证书|证据|记录|订单/iu.test(
        s,
      ),
    search:
      'evidence documents materials proof licence invoice contract authorisation certificate 证据 材料 文件 许可 发票 合同 授权',
  },
  {
    question: /\b(which|what) (article|provision|section|rule)\b|哪一条|哪条|第几条|哪个条款/iu,
    answer: (s) => /\b(art\.|article|section|§)\s*\d|第[\d一二三四五六七八九十百]+条/iu.test(s),
  },
  {
    question: /\bwhich (countries|markets|parties|members|states)\b|哪些(国家|成员|市场|缔约方)|哪几个国家/iu,
    answer: (s) => findJurisdictions(s).length >= 3,
  },
];

/**
 * How well the sentence fits the shape of answer the question wants: +1 per cue it fits, and
 * -1 per cue it fits that the question did not ask about (an answer about extensions to a
 * question about the deadline itself).
 */
export function fitsAnswerShape(question: string, sentence: string, faqQuestion?: string): number {
  let fit = 0;
  for (const cue of answerCues) {
    const asked = cue.question.test(question);
    // An FAQ entry asking the same kind of question answers it in every sentence.
    if (asked && faqQuestion && cue.question.test(faqQuestion)) {
      fit += 1;
      continue;
    }
    if (!cue.answer(sentence)) continue;
    if (asked) fit += 1;
    else if (cue.offTopicUnlessAsked) fit -= 1;
  }
  return fit;
}

/** Extra search words for the kinds of answer the question asks for ("what if we do nothing" → default). */
export function answerShapeSearch(question: string): string {
  return answerCues
    .filter((cue) => cue.search && cue.question.test(question))
    .map((cue) => cue.search)
    .join(' ');
}
