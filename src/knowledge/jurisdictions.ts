/**
 * Names of the markets exporters ask about, in both languages, mapped to the codes used in
 * front matter. Used to follow "And in Japan?" and to notice a question about a market the
 * knowledge base does not cover.
 */
const names: Record<string, string[]> = {
  US: ['united states', 'usa', 'u.s.', 'us', 'america', 'american', 'uspto', 'itc', 'usitc', '美国', '美國'],
  EP: ['epo', 'european patent office', '欧洲专利局'],
  EU: ['european union', 'eu', 'euipo', 'europe', 'european', '欧盟', '欧洲', '歐盟'],
  CN: [
    'china',
    'chinese',
    'prc',
    'mainland',
    'cnipa',
    'gacc',
    'shenzhen',
    'ningbo',
    'shanghai',
    'guangzhou',
    'yiwu',
    'qingdao',
    'tianjin',
    'xiamen',
    '中国',
    '国内',
    '我国',
    '中國',
    '深圳',
    '宁波',
    '上海',
    '广州',
    '义乌',
    '青岛',
    '天津',
    '厦门',
    '海关总署',
  ],
  JP: ['japan', 'japanese', 'jpo', '日本'],
  KR: ['korea', 'south korea', 'korean', 'kipo', '韩国', '韓國'],
  VN: ['vietnam', 'viet nam', 'vietnamese', '越南'],
  TH: ['thailand', 'thai', '泰国'],
  ID: ['indonesia', 'indonesian', 'djki', '印度尼西亚', '印尼'],
  MY: ['malaysia', 'malaysian', 'myipo', '马来西亚'],
  PH: ['philippines', 'philippine', 'filipino', 'ipophl', '菲律宾'],
  SG: ['singapore', 'ipos', '新加坡'],
  AU: ['australia', 'australian', 'aussie', 'ip australia', '澳大利亚', '澳洲'],
  NZ: ['new zealand', 'iponz', '新西兰'],
  BN: ['brunei', '文莱'],
  KH: ['cambodia', '柬埔寨'],
  LA: ['laos', 'lao', '老挝'],
  MM: ['myanmar', 'burma', '缅甸'],
  DE: [
    'germany',
    'german',
    'deutschland',
    'hamburg',
    'frankfurt',
    'düsseldorf',
    'dusseldorf',
    'munich',
    'münchen',
    'cologne',
    'köln',
    'hanover',
    'hannover',
    'berlin',
    'nuremberg',
    '德国',
    '汉堡',
    '法兰克福',
    '杜塞尔多夫',
    '慕尼黑',
    '科隆',
    '汉诺威',
    '柏林',
    '纽伦堡',
  ],
  GB: ['united kingdom', 'uk', 'britain', 'england', '英国'],
  FR: ['france', 'french', '法国'],
  IT: ['italy', 'italian', '意大利'],
  ES: ['spain', '西班牙'],
  NL: ['netherlands', 'holland', 'dutch', 'rotterdam', 'amsterdam', '荷兰', '鹿特丹', '阿姆斯特丹'],
  BE: ['belgium', 'belgian', 'antwerp', '比利时', '安特卫普'],
  PL: ['poland', 'polish', '波兰'],
  AT: ['austria', '奥地利'],
  SE: ['sweden', 'swedish', '瑞典'],
  CZ: ['czech', 'czechia', '捷克'],
  HU: ['hungary', '匈牙利'],
  PT: ['portugal', '葡萄牙'],
  GR: ['greece', '希腊'],
  IE: ['ireland', '爱尔兰'],
  DK: ['denmark', '丹麦'],
  FI: ['finland', '芬兰'],
  IN: ['india', 'indian', '印度'],
  BR: ['brazil', 'brazilian', '巴西'],
  MX: ['mexico', 'mexican', '墨西哥'],
  CA: ['canada', 'canadian', '加拿大'],
  RU: ['russia', 'russian', '俄罗斯'],
  TR: ['turkey', 'türkiye', 'turkish', '土耳其'],
  SA: ['saudi arabia', 'saudi', '沙特'],
  AE: ['united arab emirates', 'uae', 'dubai', '阿联酋', '迪拜'],
  ZA: ['south africa', '南非'],
  NG: ['nigeria', '尼日利亚'],
  EG: ['egypt', '埃及'],
  AR: ['argentina', '阿根廷'],
  CL: ['chile', '智利'],
  PK: ['pakistan', '巴基斯坦'],
  KZ: ['kazakhstan', '哈萨克斯坦'],
  IL: ['israel', '以色列'],
  CH: ['switzerland', 'swiss', '瑞士'],
  HK: ['hong kong', '香港'],
  TW: ['taiwan', '台湾'],
  MO: ['macao', 'macau', '澳门'],
};

// "in", "it", "id", "us" are English words too, so only multi-letter names and uppercase codes count.
const caseSensitiveCodes = new Set(['US', 'EU', 'UK', 'UAE', 'PRC']);

const matchers = Object.entries(names).flatMap(([code, list]) =>
  list.map((name) => {
    const isHan = /\p{Script=Han}/u.test(name);
    if (isHan) return { code, test: (text: string) => text.includes(name), name };
    const upper = name.toUpperCase();
    if (caseSensitiveCodes.has(upper)) {
      const re = new RegExp(`(?<![A-Za-z])${upper.replace(/\./gu, '\\.')}(?![A-Za-z])`, 'u');
      return { code, test: (_: string, raw: string) => re.test(raw), name };
    }
    const re = new RegExp(`(?<![a-z])${name.replace(/\./gu, '\\.')}(?![a-z])`, 'u');
    return { code, test: (text: string) => re.test(text), name };
  }),
);

export interface JurisdictionMention {
  code: string;
  name: string;
}

export function findJurisdictions(text: string): JurisdictionMention[] {
  const raw = text.normalize('NFKC');
  const lower = raw.toLowerCase();
  const found = new Map<string, string>();
  for (const matcher of matchers) {
    if (!found.has(matcher.code) && matcher.test(lower, raw)) found.set(matcher.code, matcher.name);
  }
  // "美国" also contains no other names, but "中国" inside "中国海关" must not hide "欧盟": all kept.
  return [...found].map(([code, name]) => ({ code, name }));
}

/** Removes the names of markets from a question, so a follow-up can put another market in. */
export function stripJurisdictions(text: string): string {
  let out = text;
  const all = matchers.map((m) => m.name).sort((a, b) => b.length - a.length);
  for (const name of all) {
    if (/\p{Script=Han}/u.test(name)) out = out.split(name).join(' ');
    else if (caseSensitiveCodes.has(name.toUpperCase()))
      out = out.replace(
        new RegExp(`(?<![A-Za-z])${name.toUpperCase().replace(/\./gu, '\\.')}(?![A-Za-z])`, 'gu'),
        ' ',
      );
    else out = out.replace(new RegExp(`(?<![a-z])${name.replace(/\./gu, '\\.')}(?![a-z])`, 'giu'), ' ');
  }
  return out.replace(/\s+/gu, ' ').trim();
}

export const euMembers = new Set([
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'BE',
  'PL',
  'AT',
  'SE',
  'CZ',
  'HU',
  'PT',
  'GR',
  'IE',
  'DK',
  'FI',
]);
export const rcepMembers = new Set([
  'CN',
  'JP',
  'KR',
  'VN',
  'TH',
  'ID',
  'MY',
  'PH',
  'SG',
  'AU',
  'NZ',
  'BN',
  'KH',
  'LA',
  'MM',
]);
