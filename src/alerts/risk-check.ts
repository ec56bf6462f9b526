import type { Citation } from '../answer/answer.ts';
import { citationOf } from '../answer/extractive.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { retrieve } from '../retrieval/retriever.ts';
import type { Lang } from '../text/lang.ts';
import { lawReach } from './audience.ts';
import type { CheckItemRule, CheckQuestion, RiskCheckData } from './risk-check-data.ts';

/** Where an exporter is in the check, and what they answered so far. */
export interface CheckState {
  lang: Lang;
  /** Index of the question being asked. */
  step: number;
  markets: string[];
  ipTypes: string[];
  channels: string[];
  registered: string[];
  selling?: boolean;
  patentSearch?: boolean;
}

export type CheckInput = { text: string } | { choose: string } | { done: true } | { back: true };

export interface CheckOption {
  value: string;
  label: string;
  chosen: boolean;
}

/** One question as a platform shows it: its prompt, and the choices as buttons. */
export interface CheckView {
  id: CheckQuestion['id'];
  /** 1-based, with the number of questions, for "2/6". */
  position: number;
  total: number;
  prompt: string;
  kind: CheckQuestion['kind'];
  options: CheckOption[];
}

export type CheckProblem =
  | { kind: 'needMarket' }
  | { kind: 'notRecognised'; words: string[] }
  | { kind: 'useButtons' };

export interface CheckItem {
  id: string;
  text: string;
  urgent: boolean;
  /** The passage the item rests on; none when the knowledge has nothing on that market yet. */
  citation?: Citation;
  /** The market an item is about, when it has no citation (to say the knowledge lacks it). */
  uncovered?: string;
}

export interface Checklist {
  lang: Lang;
  markets: string[];
  /** The target markets by name in the checklist's language ("United States, Germany"). */
  marketNames: string;
  items: CheckItem[];
  /** Some item is urgent: the checklist offers human help. */
  urgent: boolean;
}

/** Where the answer to each question that collects a list is kept. */
const answerLists: Partial<Record<CheckQuestion['id'], 'markets' | 'registered' | 'ipTypes' | 'channels'>> = {
  markets: 'markets',
  registered: 'registered',
  ip_types: 'ipTypes',
  channels: 'channels',
};

const plain = (text: string) =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[.!。！]+$/u, '');

/** Whether typed text names a choice: its label in either language, or one of its words. */
const names = (choice: { en: string; zh: string; words: string[] }, text: string) =>
  [choice.en, choice.zh, ...choice.words].some((name) => plain(name) === plain(text));

/**
 * The pre-export risk check: a few questions (data/risk-check.yaml), asked the same way on every
 * platform, and a checklist built from the answers, each item cited from the knowledge.
 */
export function createRiskCheck(deps: {
  data: RiskCheckData;
  index: () => KnowledgeIndex;
  /** Markets named in text (ISO codes or names in either language), and words that name none. */
  readMarkets: (text: string) => { markets: string[]; unknown: string[] };
  /** The markets offered as buttons. */
  quickMarkets: () => string[];
}) {
  const { questions } = deps.data;
  const markets = (): MarketTable => deps.index().markets;
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const question = (state: CheckState): CheckQuestion => {
    const found = questions[state.step];
    if (!found) throw new Error(`no question ${state.step}`);
    return found;
  };
  const listFor = (q: CheckQuestion) => answerLists[q.id];

  function view(state: CheckState): CheckView {
    const q = question(state);
    const { lang } = state;
    const chosen = (value: string) => {
      const list = listFor(q);
      return list ? state[list].includes(value) : false;
    };
    const marketOptions = () =>
      deps
        .quickMarkets()
        .map((code) => ({ value: code, label: markets().name(code, lang), chosen: chosen(code) }));
    const { yes, no } = deps.data.yes_no;
    const options: CheckOption[] =
      q.kind === 'yes-no'
        ? [
            { value: 'yes', label: yes[lang], chosen: false },
            { value: 'no', label: no[lang], chosen: false },
          ]
        : [
            ...q.options.map((o) => ({ value: o.id, label: o[lang], chosen: chosen(o.id) })),
            ...(q.kind === 'markets' || q.kind === 'registered' ? marketOptions() : []),
          ];
    return {
      id: q.id,
      position: state.step + 1,
      total: questions.length,
      prompt: q[lang],
      kind: q.kind,
      options,
    };
  }

  function advance(state: CheckState): { state: CheckState; done?: boolean } {
    const next = { ...state, step: state.step + 1 };
    return next.step >= questions.length ? { state, done: true } : { state: next };
  }

  /** One answer: the next question, the same one with a problem, or done. */
  function step(
    state: CheckState,
    input: CheckInput,
  ): { state: CheckState; problem?: CheckProblem; done?: boolean } {
    const q = question(state);
    if ('back' in input) return { state: { ...state, step: Math.max(0, state.step - 1) } };
    const list = listFor(q);
    if (q.kind === 'yes-no') {
      const { yes, no } = deps.data.yes_no;
      const said = 'choose' in input ? input.choose : 'text' in input ? input.text : '';
      const answer =
        said === 'yes' || names(yes, said) ? true : said === 'no' || names(no, said) ? false : undefined;
      if (answer === undefined) return { state, problem: { kind: 'useButtons' } };
      return advance({ ...state, [q.id === 'selling' ? 'selling' : 'patentSearch']: answer });
    }
    if (!list) return { state, problem: { kind: 'useButtons' } };
    if ('done' in input) {
      if (q.kind === 'markets' && state.markets.length === 0)
        return { state, problem: { kind: 'needMarket' } };
      return advance(state);
    }
    if ('choose' in input) {
      if (input.choose === 'only-china') return advance({ ...state, registered: ['CN'] });
      if (input.choose === 'nowhere') return advance({ ...state, registered: [] });
      return { state: { ...state, [list]: toggle(state[list], input.choose) } };
    }
    if (q.kind === 'multi') {
      // Several choices in one message ("Amazon, trade fairs"): each must name one.
      const parts = input.text.split(/[,，、;；/]+|\s+and\s+|和/u).filter((p) => p.trim());
      const chosen = parts.map((part) => q.options.find((o) => names(o, part)));
      if (parts.length === 0 || chosen.some((o) => !o)) return { state, problem: { kind: 'useButtons' } };
      return advance({
        ...state,
        [list]: [...new Set([...state[list], ...chosen.flatMap((o) => (o ? [o.id] : []))])],
      });
    }
    const typed = q.options.find((o) => names(o, input.text));
    if (typed) return step(state, { choose: typed.id });
    const read = deps.readMarkets(input.text);
    const next = { ...state, [list]: [...new Set([...state[list], ...read.markets])] };
    if (read.unknown.length > 0)
      return { state: next, problem: { kind: 'notRecognised', words: read.unknown } };
    // Markets typed in one message: that is the answer, unless nothing was recognised.
    if (read.markets.length === 0) return { state: next, problem: { kind: 'needMarket' } };
    return advance(next);
  }

  /** Where the brand is registered, as typed in a form: markets named, "only China", or "nowhere". */
  function readRegistered(text: string): { markets: string[]; unknown: string[] } {
    const q = questions.find((question) => question.id === 'registered');
    const option = q?.options.find((o) => names(o, text));
    if (option?.id === 'only-china') return { markets: ['CN'], unknown: [] };
    if (text.trim() === '' || option?.id === 'nowhere') return { markets: [], unknown: [] };
    return deps.readMarkets(text);
  }

  /** A market as an item names it: with the group whose law also covers it (Germany or the whole EU). */
  function marketLabel(code: string, lang: Lang): string {
    const name = markets().name(code, lang);
    const group = markets()
      .withGroups(code)
      .find((g) => g !== code && deps.data.group_names[g]);
    const phrase = group ? deps.data.group_names[group]?.[lang] : undefined;
    return phrase ? phrase.replaceAll('{market}', name) : name;
  }

  const reach = (code: string) => lawReach(markets(), code);
  const namesOf = (codes: string[], lang: Lang) =>
    codes.map((code) => markets().name(code, lang)).join(lang === 'zh' ? '、' : ', ');

  /** The passage an item rests on, from the knowledge about `scope` in the user's language. */
  async function cite(
    query: string,
    scope: string[],
    boost: string[],
    lang: Lang,
  ): Promise<Citation | undefined> {
    const found = (
      await retrieve(deps.index(), {
        text: query,
        lang,
        markets: boost,
        filters: { lang, jurisdictions: scope, collections: ['guide', 'rcep'] },
        limit: 5,
      })
    ).filter((hit) => hit.bm25 > 0);
    // A section states the rule; an FAQ entry is cited only when no section matches.
    const best = found.find((hit) => !hit.chunk.faq) ?? found[0];
    return best ? citationOf(best.chunk) : undefined;
  }

  async function items(rule: CheckItemRule, state: CheckState): Promise<CheckItem[]> {
    const { lang } = state;
    const targets = state.markets;
    const targetNames = namesOf(targets, lang);
    const fill = (text: string, market = '') =>
      text.replaceAll('{markets}', targetNames).replaceAll('{market}', market);
    const urgent = rule.urgent_if === 'selling' && state.selling === true;
    if (rule.when === 'brand_unregistered') {
      const registered = new Set(state.registered);
      const missing = targets.filter((code) => !reach(code).some((c) => registered.has(c)));
      return Promise.all(
        missing.map(async (code) => {
          const citation = await cite(
            fill(rule.search[lang], markets().name(code, lang)),
            reach(code),
            [code],
            lang,
          );
          return {
            id: `${rule.id}:${code}`,
            text: fill(rule[lang], marketLabel(code, lang)),
            urgent,
            ...(citation ? { citation } : { uncovered: markets().name(code, lang) }),
          };
        }),
      );
    }
    const applies =
      rule.when === 'always' ||
      (rule.when === 'no_patent_search' && state.patentSearch === false) ||
      (rule.when.startsWith('channel:') && state.channels.includes(rule.when.slice('channel:'.length))) ||
      (rule.when.startsWith('ip_type:') && state.ipTypes.includes(rule.when.slice('ip_type:'.length)));
    if (!applies) return [];
    const scope = [...new Set([...targets.flatMap(reach), 'INT'])];
    const citation = await cite(fill(rule.search[lang]), scope, targets, lang);
    return [{ id: rule.id, text: fill(rule[lang]), urgent, ...(citation ? { citation } : {}) }];
  }

  return {
    begin: (lang: Lang): CheckState => ({
      lang,
      step: 0,
      markets: [],
      ipTypes: [],
      channels: [],
      registered: [],
    }),
    view,
    step,

    /**
     * A whole form at once (Slack's modal): the same questions, read the same way; problems are
     * keyed by question id.
     */
    fromForm(
      lang: Lang,
      form: {
        markets: string;
        ipTypes: string[];
        channels: string[];
        registered: string;
        selling?: string;
        patentSearch?: string;
      },
    ): { state: CheckState; problems: Partial<Record<CheckQuestion['id'], CheckProblem>> } {
      const problems: Partial<Record<CheckQuestion['id'], CheckProblem>> = {};
      const target = deps.readMarkets(form.markets);
      if (target.unknown.length > 0) problems.markets = { kind: 'notRecognised', words: target.unknown };
      else if (target.markets.length === 0) problems.markets = { kind: 'needMarket' };
      const registered = readRegistered(form.registered);
      if (registered.unknown.length > 0)
        problems.registered = { kind: 'notRecognised', words: registered.unknown };
      if (form.selling !== 'yes' && form.selling !== 'no') problems.selling = { kind: 'useButtons' };
      if (form.patentSearch !== 'yes' && form.patentSearch !== 'no')
        problems.patent_search = { kind: 'useButtons' };
      return {
        state: {
          lang,
          step: questions.length - 1,
          markets: target.markets,
          ipTypes: form.ipTypes,
          channels: form.channels,
          registered: registered.markets,
          selling: form.selling === 'yes',
          patentSearch: form.patentSearch === 'yes',
        },
        problems,
      };
    },

    /** The tailored checklist: every item that applies, in the data's order, each cited. */
    async checklist(state: CheckState): Promise<Checklist> {
      const found = (await Promise.all(deps.data.items.map((rule) => items(rule, state)))).flat();
      return {
        lang: state.lang,
        markets: state.markets,
        marketNames: namesOf(state.markets, state.lang),
        items: found,
        urgent: found.some((item) => item.urgent),
      };
    },

    questions: () => questions,
    data: () => deps.data,
  };
}

export type RiskCheck = ReturnType<typeof createRiskCheck>;
