import type { Entry } from '@cuomin/types';

// One-line Chinese messages, shaped "what is wrong: actual, expected".

function quoteList(suggestions: readonly string[]): string {
  return suggestions.map((s) => `“${s}”`).join('或');
}

export function messageFor(entry: Entry, actual: string): string {
  if (entry.message) return entry.message;
  const suggestions = entry.suggestions ?? [];
  const target = quoteList(suggestions);
  const has = suggestions.length > 0;
  switch (entry.category) {
    case 'serious':
      return has ? `严重表述错误：“${actual}”应为${target}` : `严重表述错误：“${actual}”，请改写`;
    case 'banned':
      return has ? `禁用词：“${actual}”，应改为${target}` : `禁用词：“${actual}”，请改写或删除`;
    case 'outdated': {
      const since = entry.since ? `（${entry.since}起）` : '';
      return has ? `过时名称：“${actual}”已不再使用${since}，应为${target}` : `过时名称：“${actual}”已不再使用${since}`;
    }
    case 'typo':
      return has ? `疑似错别字：“${actual}”应为${target}` : `疑似错别字：“${actual}”`;
    case 'sensitive':
      return `敏感词：“${actual}”，请人工复核`;
    default:
      return has ? `“${actual}”应为${target}` : `“${actual}”需复核`;
  }
}
