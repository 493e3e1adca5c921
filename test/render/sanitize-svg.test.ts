import { describe, expect, it } from '@jest/globals';
import { sanitizeSvg } from '../../src/render/index.js';

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const wrap = (inner: string, rootAttrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 600 600"${rootAttrs}>${inner}</svg>`;

function refusal(svg: string): string {
  const result = sanitizeSvg(svg);
  if (result.ok) throw new Error(`expected a refusal, got: ${result.svg}`);
  return result.reason;
}

describe('sanitizeSvg accepts drawings', () => {
  it('keeps shapes, gradients, internal references and text, and lists the placeholders', () => {
    const svg = wrap(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
        '<circle cx="300" cy="300" r="250" fill="url(#g)" style="stroke: url(#g)"/><use xlink:href="#g"/>' +
        `<image href="${PNG_1PX}" width="10" height="10"/>` +
        '<text x="300" y="300">{{recipient.name}} &amp; {{custom.grade}}</text><style>circle { fill: red }</style>',
    );
    const result = sanitizeSvg(svg);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.placeholders).toEqual(['recipient.name', 'custom.grade']);
    expect(result.svg).toContain('<use href="#g"></use>');
    expect(result.svg).toContain('{{recipient.name}} &amp; {{custom.grade}}');
    expect(result.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('drops editor metadata (Inkscape, sodipodi, <metadata>) quietly and says what it removed', () => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="100" height="100" inkscape:version="1.2"><sodipodi:namedview id="n"/><metadata><x/></metadata><rect width="5" height="5" data-name="box"/></svg>`;
    const result = sanitizeSvg(svg);
    expect(result).toMatchObject({ ok: true, svg: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="5" height="5"></rect></svg>' });
    if (result.ok) expect(result.removed).toEqual(expect.arrayContaining(['inkscape:version', '<sodipodi:namedview>', '<metadata>', 'data-name']));
  });
});

describe('sanitizeSvg refuses hostile SVGs with a reason', () => {
  const cases: [string, string, RegExp][] = [
    ['a script element', wrap('<script>alert(1)</script>'), /<script>/],
    ['a script in CDATA', wrap('<script><![CDATA[alert(1)]]></script>'), /<script>/],
    ['an onload handler', wrap('<rect/>', ' onload="alert(1)"'), /onload .*event handler/],
    ['an onclick handler on a child', wrap('<rect width="1" height="1" onClick="x()"/>'), /onClick .*event handler/],
    ['a javascript: link in use', wrap('<use href="javascript:alert(1)"/>'), /script/],
    ['an external image', wrap('<image href="https://evil.example/x.png"/>'), /outside resource.*https:/],
    ['an xlink:href to a file', wrap('<image xlink:href="file:///etc/passwd"/>'), /outside resource.*file:/],
    ['a relative image path', wrap('<image href="secret.png"/>'), /outside resource/],
    ['an SVG data image (could nest anything)', wrap('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'), /outside resource/],
    ['a use of another file', wrap('<use href="other.svg#x"/>'), /outside resource/],
    ['foreignObject', wrap('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'), /foreignObject/],
    ['HTML elements', wrap('<html:iframe xmlns:html="http://www.w3.org/1999/xhtml" src="x"/>'), /HTML/],
    ['CSS @import', wrap('<style>@import url(https://evil.example/x.css);</style>'), /@import/],
    ['CSS url() to the outside', wrap('<rect style="fill: url(https://evil.example/track.png)"/>'), /outside resource/],
    ['a presentation attribute with an outside url()', wrap('<rect fill="url(\'http://evil.example/#p\')"/>'), /outside resource/],
    ['CSS url() in a style element', wrap('<style>rect { background: url("//evil.example/x") }</style>'), /outside resource/],
    ['an unterminated url(', wrap('<rect style="fill: url(http://evil.example"/>'), /does not close/],
    ['CSS escapes hiding url(', wrap('<rect style="fill: \\75 rl(https://evil.example/x)"/>'), /backslash escapes/],
    ['a use bomb', wrap('<defs><g id="a"><rect width="1" height="1"/></g><g id="b"><use href="#a"/><use href="#a"/></g><g id="c"><use href="#b"/><use href="#b"/></g></defs><use href="#c"/>'), /itself holds <use>/],
    ['@font-face', wrap('<style>@font-face { font-family: x; src: local(x) }</style>'), /@font-face/],
    ['animation that rewrites links', wrap('<a><set attributeName="href" to="javascript:alert(1)"/></a>'), /link|animation/],
    ['animate', wrap('<animate attributeName="href" values="javascript:alert(1)"/>'), /animation/],
    ['feImage', wrap('<filter id="f"><feImage href="https://evil.example/x.png"/></filter>'), /feImage/],
    ['an unknown element', wrap('<blink>hi</blink>'), /<blink> is not allowed/],
    ['a processing instruction', `<?xml-stylesheet href="https://evil.example/x.css"?>${wrap('')}`, /processing instruction/],
    ['a DOCTYPE with external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wrap('<text>&xxe;</text>')}`, /DOCTYPE or ENTITY/],
    ['billion laughs', `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${wrap('<text>&lol2;</text>')}`, /DOCTYPE or ENTITY/],
    ['an undefined entity', wrap('<text>&nbsp;</text>'), /not well-formed/],
    ['broken XML', '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', /not well-formed/],
    ['a root that is not svg', '<html xmlns="http://www.w3.org/1999/xhtml"/>', /root element is <html>/],
    ['an svg without size', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', /viewBox/],
    ['an oversized file', wrap(`<!--${'x'.repeat(1024 * 1024)}-->`), /larger than 1024 KB/],
  ];
  it.each(cases)('refuses %s', (_label, svg, reason) => {
    expect(refusal(svg)).toMatch(reason);
  });

  it('refuses absurd nesting before it costs memory', () => {
    expect(refusal(wrap('<g>'.repeat(100) + '</g>'.repeat(100)))).toMatch(/nest deeper than 64/);
  });
});
