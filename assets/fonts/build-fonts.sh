#!/usr/bin/env bash
# Rebuilds the subsetted fonts in this folder from Debian's font packages (run as root on Debian 12):
#   apt-get install fonts-noto-core fonts-droid-fallback fonts-nanum fonttools
# Why subsets: the full Noto/Droid files are ~8 MB; these keep Latin (incl. Vietnamese), Greek,
# Cyrillic, Arabic and the common CJK ideographs (GB2312 + Big5 + JIS X 0208 + KS X 1001), kana and Hangul.
set -euo pipefail
cd "$(dirname "$0")"
NOTO=/usr/share/fonts/truetype/noto
DROID=/usr/share/fonts/truetype/droid
LATIN='U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+2600-26FF,U+FB00-FB06,U+FEFF,U+FFFD'
ARABIC='U+0020-0040,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF'
sub() { pyftsubset "$1" --output-file="$2" --unicodes="$3" --layout-features='*' --name-IDs='*' --name-languages='*' --notdef-outline --no-hinting --desubroutinize; }
for f in NotoSans-Regular NotoSans-Bold NotoSerif-Regular NotoSerif-Bold; do sub "$NOTO/$f.ttf" "$f.ttf" "$LATIN"; done
for f in NotoSansArabic-Regular NotoSansArabic-Bold; do sub "$NOTO/$f.ttf" "$f.ttf" "$ARABIC"; done
# Common CJK characters, collected from the legacy national character sets Python still decodes.
python3 - > cjk-chars.txt <<'PY'
import itertools
chars = set()
for codec, lead, trail in [('gb2312', range(0xA1, 0xF8), range(0xA1, 0xFF)),
                           ('big5', range(0xA1, 0xFA), itertools.chain(range(0x40, 0x7F), range(0xA1, 0xFF))),
                           ('shift_jis', itertools.chain(range(0x81, 0xA0), range(0xE0, 0xF0)), range(0x40, 0xFD)),
                           ('euc_kr', range(0xA1, 0xFF), range(0xA1, 0xFF))]:
    trail = list(trail)
    for a in lead:
        for b in trail:
            try: chars.update(bytes([a, b]).decode(codec))
            except UnicodeDecodeError: pass
chars.update(chr(c) for c in range(0x3000, 0x3100))  # CJK punctuation, kana
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
print(''.join(sorted(c for c in chars if ord(c) >= 0x2E80)))
PY
pyftsubset "$DROID/DroidSansFallbackFull.ttf" --output-file=DroidSansFallback-CJK.ttf --text-file=cjk-chars.txt --unicodes='U+0020' --layout-features='*' --notdef-outline --no-hinting
rm cjk-chars.txt
# Droid Sans Fallback has no Hangul syllables: Korean comes from Nanum Gothic (fonts-nanum),
# the 2,350 syllables of KS X 1001 plus the compatibility jamo.
python3 -c "print(''.join(bytes([a, b]).decode('euc_kr') for a in range(0xB0, 0xC9) for b in range(0xA1, 0xFF)))" > hangul-chars.txt
pyftsubset /usr/share/fonts/truetype/nanum/NanumGothic.ttf --output-file=NanumGothic-Hangul.ttf --text-file=hangul-chars.txt --unicodes='U+0020,U+3131-318E' --layout-features='*' --notdef-outline --no-hinting
rm hangul-chars.txt
# fontkit (pdf-lib's subsetter) copies glyphs by loca offsets and breaks on unpadded glyph data,
# which pyftsubset writes by default: pad every glyph to 4 bytes.
/usr/bin/python3 - <<'PY'
import glob
from fontTools.ttLib import TTFont
for path in glob.glob('*.ttf'):
    font = TTFont(path)
    font['glyf'].padding = 4
    font.save(path)
PY
ls -l *.ttf
