// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sanitizeCustomCss } from './custom-css';

const css = (source: string) => {
  const result = sanitizeCustomCss(source);
  if ('problem' in result) throw new Error(`refused: ${result.problem}`);
  return result.css;
};
const problem = (source: string) => {
  const result = sanitizeCustomCss(source);
  if ('css' in result) throw new Error(`accepted: ${result.css}`);
  return result.problem;
};

describe('custom CSS', () => {
  it('scopes every selector inside the app root; html, body and :root become the root itself', () => {
    expect(css('.app-header { color: red }')).toBe('#root .app-header { color: red }');
    expect(css(':root { --primary: #123456 }')).toBe('#root { --primary: #123456 }');
    expect(css('html body .x, a:hover{color:blue}')).toBe('#root .x, #root a:hover{color:blue}');
    expect(css('body > main { margin: 0 }')).toBe('#root > main { margin: 0 }');
    // A selector that only looks like one of them keeps its own meaning, inside the root.
    expect(css('.body-text { color: red }')).toBe('#root .body-text { color: red }');
  });

  it('keeps @media, @supports and @keyframes (frame selectors unscoped)', () => {
    expect(css('@media (max-width: 600px) { .a { display: none } }')).toBe(
      '@media (max-width: 600px) { #root .a { display: none } }',
    );
    expect(css('@supports (display: grid) { .b { display: grid } }')).toContain('#root .b');
    expect(css('@keyframes pulse { from { opacity: 0 } 50% { opacity: 1 } }')).toBe(
      '@keyframes pulse { from { opacity: 0 } 50% { opacity: 1 } }',
    );
  });

  it('an empty stylesheet is no stylesheet', () => {
    expect(css('  \n')).toBe('');
  });

  it('refuses anything that loads from elsewhere, with where it is', () => {
    expect(problem('.a {\n  background: url(https://evil.example/x.png);\n}')).toBe(
      'line 2:3: url() is not allowed: custom CSS cannot load anything.',
    );
    expect(problem('.a { background-image: image-set("x.png" 1x) }')).toMatch(/image-set\(\) is not allowed/);
    expect(problem('.a { background: URL( "//evil" ) }')).toMatch(/url\(\) is not allowed/);
    expect(problem('@import "https://evil.example/x.css";')).toBe(
      'line 1:1: @import is not allowed: use plain rules, @media, @supports or @keyframes.',
    );
    expect(problem('@font-face { font-family: x; src: local(Arial) }')).toMatch(/^line 1:1: @font-face/);
    expect(problem('@namespace svg url(http://www.w3.org/2000/svg);')).toMatch(/@namespace is not allowed/);
    expect(problem('@media (min-width: 1px) { .a { cursor: url(x.cur), auto } }')).toMatch(/url\(\)/);
  });

  it('refuses what can run code, and escapes that could spell it', () => {
    expect(problem('.a { behavior: x }')).toMatch(/"behavior" is not allowed/);
    expect(problem('.a { -moz-binding: x }')).toMatch(/"-moz-binding" is not allowed/);
    expect(problem('.a { width: expression(alert(1)) }')).toMatch(/expression\(\) is not allowed/);
    expect(problem('.a {\n background: u\\72l(x) }')).toBe(
      'line 2: backslash escapes are not allowed (they can disguise url() and the like).',
    );
  });

  it('a function whose name merely ends like one of them is fine; syntax errors say where', () => {
    expect(css('.a { width: calc(100% - 2px) }')).toBe('#root .a { width: calc(100% - 2px) }');
    expect(problem('.a { color: red')).toMatch(/^line 1:1: Unclosed block\.$/);
  });
});
