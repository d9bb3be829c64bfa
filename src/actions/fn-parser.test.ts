import { describe, expect, it } from 'vitest';
import { parseFnString } from './fn-parser';
import { defaultRegistry } from './registry';

const registry = defaultRegistry();
/** Parse + bind, the way the runner does. */
function resolve(fn: string): { name: string; params: string[] } | { error: string } {
  const parsed = parseFnString(fn);
  if (!parsed.ok) return { error: parsed.error };
  const bound = registry.bind(parsed.call);
  return bound.ok ? { name: bound.action.name, params: bound.action.params } : { error: bound.error };
}

const valid: Array<[string, string, string[]]> = [
  ["openForm('Feedback Form')", 'openForm', ['Feedback Form']],
  ['openForm("Feedback Form")', 'openForm', ['Feedback Form']],
  ['openForm(Feedback Form)', 'openForm', ['Feedback Form']],
  ['OPENFORM(  feedback form  )', 'openForm', ['feedback form']],
  ['  openform ( "x" )  ', 'openForm', ['x']],
  ["openForm('It\\'s a form')", 'openForm', ["It's a form"]],
  ['openForm("a, b (c)")', 'openForm', ['a, b (c)']],
  ['makeCall(alt_phone)', 'makeCall', ['alt_phone']],
  ['MAKECALL(ALT_PHONE)', 'makeCall', ['alt_phone']],
  ["makecall('Phone_Code')", 'makeCall', ['phone_code']],
  ['makeCall(phone)', 'makeCall', ['phone']],
  ['makeCall(+44 20 7946 0958)', 'makeCall', ['+442079460958']],
  ['makeCall("1002")', 'makeCall', ['1002']],
  ['makeCall(sip:1002@openline.local)', 'makeCall', ['sip:1002@openline.local']],
  ['answerCall', 'answerCall', []],
  ['answerCall()', 'answerCall', []],
  ['ANSWERCALL ( )', 'answerCall', []],
  ['endCall();', 'endCall', []],
  ['toggleMic', 'toggleMic', []],
  ['togglemic()', 'toggleMic', []],
  ['next', 'next', []],
  ['NEXT()', 'next', []],
  ['save(Yes)', 'save', ['Yes']],
  ["save('no')", 'save', ['No']],
  ['SAVE( "UNKNOWN" )', 'save', ['Unknown']],
  ['redirect(https://example.com/a?b=c)', 'redirect', ['https://example.com/a?b=c', 'true', '_blank']],
  ["redirect('https://example.com', true, _blank)", 'redirect', ['https://example.com', 'true', '_blank']],
  ['redirect("https://example.com",TRUE,"_SELF")', 'redirect', ['https://example.com', 'true', '_self']],
  ['redirect(/history, false)', 'redirect', ['/history', 'false', '_self']],
  ['redirect(/history, _blank)', 'redirect', ['/history', 'false', '_blank']],
  ['redirect("https://x.example", false)', 'redirect', ['https://x.example', 'false', '_self']],
];

const invalid: Array<[string, RegExp]> = [
  ['', /empty/],
  ['   ', /empty/],
  ['()', /Expected an action name at column 1/],
  ['1makeCall()', /Expected an action name/],
  ['dance()', /Unknown action "dance". Known: answerCall, endCall, makeCall/],
  ['alert(1)', /Unknown action "alert"/],
  ['eval("x")', /Unknown action "eval"/],
  ['makeCall', /makeCall\(.*\) takes 1 parameter, got 0/],
  ['makeCall()', /takes 1 parameter, got 0/],
  ['makeCall(alt_phone, phone)', /takes 1 parameter, got 2/],
  ['answerCall(now)', /answerCall\(\) takes 0 parameters, got 1/],
  ['redirect()', /takes 1–3 parameters, got 0/],
  ['redirect(a, true, _blank, x)', /takes 1–3 parameters, got 4/],
  ['redirect(https://x.example, maybe)', /"maybe" is not true\/false or _blank\/_self/],
  ['save(Maybe)', /"Maybe" is not Yes, No or Unknown/],
  ['makeCall(<script>)', /neither a lead field/],
  ['makeCall(javascript:alert)', /neither a lead field/],
  ["openForm('unterminated)", /Unterminated string starting at column 10/],
  ['openForm("a" "b")', /Expected ',' or '\)' at column 14/],
  ['openForm(a,,b)', /Parameter 2 is empty/],
  ['openForm(a,)', /Parameter 2 is empty/],
  ['openForm(a', /Missing '\)'/],
  ['openForm(a) extra', /Unexpected "extra"/],
  ['openForm(a); next()', /Unexpected "next\(\)"/],
  ['openForm(a(b))', /Expected ',' or '\)'/],
  ['openForm(ab"c")', /Expected ',' or '\)'|Unexpected quote/],
  ["openForm('')", /1–128 characters/],
  ['x'.repeat(3000), /longer than/],
];

describe('fn parser', () => {
  it.each(valid)('%s → %s(%j)', (fn, name, params) => {
    expect(resolve(fn)).toEqual({ name, params });
  });

  it.each(invalid)('%j is refused with a clear error', (fn, message) => {
    const result = resolve(fn);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(message);
  });

  it('covers at least 30 cases, valid and invalid', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(30);
    expect(valid.length).toBeGreaterThanOrEqual(15);
    expect(invalid.length).toBeGreaterThanOrEqual(15);
  });

  it('keeps bare parameters as written (case preserved) for the action to interpret', () => {
    expect(parseFnString("Foo( Bar Baz , 'Q' )")).toEqual({
      ok: true,
      call: { name: 'Foo', args: ['Bar Baz', 'Q'] },
    });
  });
});
