/**
 * A short description of the customer's device for the agent (issue 14): platform and browser read
 * from the user-agent string, which is a hint, not a fact; nothing decides anything on it.
 */
const PLATFORMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

// Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

export function platformOf(userAgent: string): string | undefined {
  return PLATFORMS.find(([re]) => re.test(userAgent))?.[1];
}

export function browserOf(userAgent: string): string | undefined {
  for (const [re, name] of BROWSERS) {
    const match = re.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return undefined;
}
