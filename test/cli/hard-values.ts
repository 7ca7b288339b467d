/**
 * Values that break naive serializers (the list), written out here rather than taken from
 * the code under test. Each is a valid Coffer value (1 byte to 64 KiB of UTF-8).
 */
export const HARD_VALUES: Record<string, string> = {
  SINGLE_QUOTE: "it's",
  DOUBLE_QUOTE: 'say "hi"',
  BOTH_QUOTES: `it's "both"`,
  DOLLAR: '$HOME and ${PATH} and $1',
  BACKTICKS: '`whoami`',
  SUBSHELL: '$(touch /tmp/coffer-pwned) ; echo $(id)',
  BACKSLASHES: 'C:\\new\\table\\ \\\\ \\n \\" end\\',
  HASH: 'pa#ss # not a comment',
  SPACES: '  leading and trailing  ',
  MULTI_LINE: '-----BEGIN KEY-----\nline two\n  indented three\n-----END KEY-----\n',
  UNICODE: 'pässwörd 🔑 日本語 \u00a0nbsp',
  EQUALS: 'a=b==c',
  YAML_LOOKALIKE: 'true',
  JSONISH: '{"a": [1, 2]}',
  // The longest value Coffer accepts: 64 KiB of UTF-8.
  LONGEST: 'x'.repeat(64 * 1024),
};

/** Values a specific format cannot hold, with the format that must refuse them. */
export const MULTI_LINE_NAME = 'MULTI_LINE';
