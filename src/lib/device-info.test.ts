import { describe, expect, it } from 'vitest';
import { browserOf, platformOf } from './device-info';

const UA = {
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0',
  linuxChromium:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
};

describe('device info', () => {
  it('names common platforms and browsers', () => {
    expect([platformOf(UA.androidChrome), browserOf(UA.androidChrome)]).toEqual(['Android', 'Chrome 131']);
    expect([platformOf(UA.iphoneSafari), browserOf(UA.iphoneSafari)]).toEqual(['iOS', 'Safari 18']);
    expect([platformOf(UA.windowsEdge), browserOf(UA.windowsEdge)]).toEqual(['Windows', 'Edge 131']);
    expect([platformOf(UA.macFirefox), browserOf(UA.macFirefox)]).toEqual(['macOS', 'Firefox 133']);
    expect([platformOf(UA.linuxChromium), browserOf(UA.linuxChromium)]).toEqual(['Linux', 'Chrome 142']);
  });

  it('answers nothing for strings it does not know', () => {
    expect(platformOf('curl/8.0')).toBeUndefined();
    expect(browserOf('curl/8.0')).toBeUndefined();
    expect(browserOf('')).toBeUndefined();
  });
});
