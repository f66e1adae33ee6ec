import type { Entry } from '@cuomin/types';
import { createScanner, type Scanner, type ScannerOptions } from '../src/index.js';

/** A small dictionary exercising every policy; the tables below scan against it. */
export const ENTRIES: Entry[] = [
  { id: 'serious/xijinping', term: '习进平', category: 'serious', suggestions: ['习近平'], noise: true },
  { id: 'serious/title-xi-zongli', term: '习近平总理', category: 'serious', suggestions: ['习近平总书记'] },
  { id: 'serious/guoming', term: '中华人民共合国', category: 'serious', suggestions: ['中华人民共和国'] },
  { id: 'banned/wto', term: 'WTO成员国', category: 'banned', suggestions: ['WTO成员'] },
  { id: 'banned/ydyl', term: '一带一路战略', category: 'banned', suggestions: ['“一带一路”倡议'] },
  { id: 'banned/taidu', term: '台独', category: 'banned', boundary: 'none', quotes: 'ignore' },
  { id: 'banned/zhmgzt', term: '中华民国总统', category: 'banned', suggestions: ['台湾地区领导人'], quotes: 'flag' },
  {
    id: 'banned/zhmg',
    term: '中华民国',
    category: 'banned',
    suggestions: ['台湾地区'],
    quotes: 'ignore',
    boundary: 'none',
    // The 1912 republic is history: 宪法序言 says 创立了中华民国.
    context: { forbidBefore: ['创立了', '创立'] },
  },
  { id: 'banned/sb', term: 'SB', category: 'banned' },
  { id: 'banned/nb', term: 'NB', category: 'banned' },
  { id: 'banned/cunzhang', term: '村长', category: 'banned', suggestions: ['村委会主任'] },
  { id: 'typo/jishi', term: '既使', category: 'typo', suggestions: ['即使'] },
  { id: 'typo/yijing', term: '以经', category: 'typo', suggestions: ['已经'] },
  { id: 'typo/zaijiezaili', term: '再接再励', category: 'typo', suggestions: ['再接再厉'] },
  { id: 'sensitive/falun', term: '法轮', category: 'sensitive' },
  {
    id: 'outdated/nongyebu',
    term: '农业部',
    category: 'outdated',
    suggestions: ['农业农村部'],
    boundary: 'word',
    since: '2018-03-17',
  },
  {
    id: 'outdated/huanbaobu',
    term: '环境保护部',
    category: 'outdated',
    suggestions: ['生态环境部'],
    allow: ['环境保护部门'],
  },
  {
    id: 'outdated/weishengbu',
    term: '卫生部',
    category: 'outdated',
    suggestions: ['国家卫生健康委员会'],
    boundary: 'word',
    context: { forbidAfter: ['令'] },
  },
  { id: 'outdated/gongshangju', term: '工商局', category: 'outdated', suggestions: ['市场监督管理局'] },
  { id: 'outdated/yinbaojianhui', term: '银保监会', category: 'outdated', suggestions: ['国家金融监督管理总局'] },
  { id: 'outdated/baojianhui', term: '保监会', category: 'outdated', suggestions: ['国家金融监督管理总局'] },
  { id: 'custom/shujuzhongtai', term: '中台', category: 'custom', boundary: 'none', allow: ['数据中台'] },
  { id: 'custom/astral', term: '𠮷野家', category: 'custom', suggestions: ['吉野家'] },
  { id: 'custom/only-before', term: '乙丙', category: 'custom', boundary: 'none', context: { requireBefore: ['甲'] } },
];

let shared: Scanner | undefined;
export function scanner(options: ScannerOptions = {}): Scanner {
  if (Object.keys(options).length > 0) return createScanner({ entries: ENTRIES, ...options });
  return (shared ??= createScanner({ entries: ENTRIES }));
}

/** `[ruleId, actual]` pairs of a scan, in order. */
export function check(text: string, s: Scanner = scanner()): [string, string][] {
  return s.scan(text).findings.map((f) => [f.ruleId, f.actual]);
}
