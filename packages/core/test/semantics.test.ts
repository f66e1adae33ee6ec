import { describe, expect, test } from 'vitest';
import { check, scanner } from './helpers.js';

// Each table maps a text to the [ruleId, actual] findings it must produce, in order.
type Row = [text: string, expected: [string, string][]];

const BASICS: Row[] = [
  ['', []],
  ['今年经济平稳运行。', []],
  ['要再接再励，完成任务。', [['typo/zaijiezaili', '再接再励']]],
  ['中华人民共合国成立。中华人民共合国万岁', [['serious/guoming', '中华人民共合国'], ['serious/guoming', '中华人民共合国']]],
  ['去𠮷野家吃饭', [['custom/astral', '𠮷野家']]],
];

// Overlapping candidates are reduced to leftmost-longest matches.
const SELECTION: Row[] = [
  ['银保监会发布通知', [['outdated/yinbaojianhui', '银保监会']]],
  ['保监会发布通知', [['outdated/baojianhui', '保监会']]],
  ['中华民国总统', [['banned/zhmgzt', '中华民国总统']]],
  ['习近平总理', [['serious/title-xi-zongli', '习近平总理']]],
];

const NORMALISATION: Row[] = [
  ['習進平同志', [['serious/xijinping', '習進平']]],
  ['ＷＴＯ成员国', [['banned/wto', 'ＷＴＯ成员国']]],
  ['wto成员国', [['banned/wto', 'wto成员国']]],
  ['习*进平', [['serious/xijinping', '习*进平']]],
  ['习 · 进 平', [['serious/xijinping', '习 · 进 平']]],
  ['习\u200b进平', [['serious/xijinping', '习\u200b进平']]],
  ['“一带一路”战略', [['banned/ydyl', '“一带一路”战略']]],
  // Noise skipping is opt-in: 再接再励 does not skip the asterisk.
  ['再接*再励', []],
];

const BOUNDARIES: Row[] = [
  ['我们既使用了新方法', []],
  ['既使他来了也无妨', [['typo/jishi', '既使']]],
  ['方法轮流使用', []],
  ['各级农业部门', []],
  ['农业部发布通知', [['outdated/nongyebu', '农业部']]],
  ['农村长期发展', []],
  ['村长主持会议', [['banned/cunzhang', '村长']]],
  ['USB接口', []],
  ['NBA比赛', []],
  ['你真NB', [['banned/nb', 'NB']]],
  ['SB了', [['banned/sb', 'SB']]],
  ['以经营主体为中心', []],
  ['我以经完成了', [['typo/yijing', '以经']]],
];

const ALLOW: Row[] = [
  ['军队环境保护部门', []],
  ['环境保护部印发', [['outdated/huanbaobu', '环境保护部']]],
  ['建设数据中台', []],
  ['建设中台', [['custom/shujuzhongtai', '中台']]],
];

const CONTEXT: Row[] = [
  ['“台独”分子', []],
  ['台独分子', [['banned/taidu', '台独']]],
  ['“中华民国”', []],
  ['辛亥革命创立了中华民国', []],
  ['所谓中华民国', [['banned/zhmg', '中华民国']]],
  ['“中华民国总统”', [['banned/zhmgzt', '中华民国总统']]],
  ['原银保监会', []],
  ['原环境保护部', []],
  ['环境保护部更名为生态环境部', []],
  ['时任卫生部部长', []],
  ['原杭州市工商局的职责已划入市场监管局', []],
  ['时任江苏省南京市工商局局长', []],
  ['杭州市工商局开展检查', [['outdated/gongshangju', '工商局']]],
  ['原则上由杭州市工商局负责', [['outdated/gongshangju', '工商局']]],
  ['前往杭州市工商局办事', [['outdated/gongshangju', '工商局']]],
  ['卫生部令第15号', []],
  ['卫生部发布', [['outdated/weishengbu', '卫生部']]],
  ['乙丙之间', []],
  ['甲乙丙之间', [['custom/only-before', '乙丙']]],
];

describe.each([
  ['basics', BASICS],
  ['leftmost-longest selection', SELECTION],
  ['normalisation', NORMALISATION],
  ['word boundaries', BOUNDARIES],
  ['allow-lists', ALLOW],
  ['context', CONTEXT],
])('%s', (_name, rows) => {
  test.each(rows)('%s', (text, expected) => {
    expect(check(text)).toEqual(expected);
  });
});

describe('findings', () => {
  test('span is the original text, with suggestions, message and fixability', () => {
    const [finding] = scanner().scan('習進平').findings;
    expect(finding).toMatchObject({
      ruleId: 'serious/xijinping',
      category: 'serious',
      severity: 'error',
      actual: '習進平',
      expected: ['习近平'],
      start: 0,
      end: 3,
      matched: '习进平',
      fixable: true,
    });
    expect(finding?.message).toBe('严重表述错误：“習進平”应为“习近平”');
  });

  test('a quoted match knows it was quoted', () => {
    const [finding] = scanner().scan('他说“中华民国总统”如何').findings;
    expect(finding?.quoted).toBe(true);
  });

  test('sensitive findings are never fixable', () => {
    const [finding] = scanner().scan('法轮').findings;
    expect(finding).toMatchObject({ category: 'sensitive', fixable: false, expected: [] });
  });

  test('categories and disabled rules are honoured before selection', () => {
    const s = scanner();
    expect(s.scan('银保监会', { disabled: ['outdated/yinbaojianhui'] }).findings.map((f) => f.actual)).toEqual(['保监会']);
    expect(s.scan('村长和再接再励', { categories: ['typo'] }).findings.map((f) => f.ruleId)).toEqual(['typo/zaijiezaili']);
  });
});
