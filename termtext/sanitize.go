package termtext

import (
	"strings"
	"unicode/utf8"
)

const (
	esc = 0x1b
	bel = 0x07
	can = 0x18 // cancels a control string
	sub = 0x1a // cancels a control string, like CAN
	del = 0x7f
)

// 8-bit (C1) forms of the sequence introducers, as code points.
const (
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// Sanitize returns s with everything a terminal would act on instead of
// print removed, so the result occupies exactly one line and cannot change
// terminal state:
//
//   - whole escape sequences: CSI, OSC (titles, OSC 8 hyperlinks, OSC 52
//     clipboard writes), DCS/SOS/PM/APC strings, two-byte ESC sequences, and
//     their 8-bit C1 introducers (U+009B, U+009D, ...);
//   - C0 controls and DEL; a run of TAB, CR and LF becomes a single space,
//     and so does U+2028 / U+2029 (the Unicode line and paragraph
//     separators), because they separate words; the rest are dropped;
//   - C1 controls U+0080–U+009F;
//   - bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
//     which could reorder the rest of a row, and U+FEFF;
//   - invalid UTF-8: each run of bad bytes becomes one U+FFFD;
//   - emoji glue (ZWJ, presentation selectors, skin tones, tags): see
//     isEmojiGlue.
//
// Orphans at the very edges that would fuse with a neighbouring cell (a
// leading combining mark, ZWJ or variation selector; a trailing prepended
// concatenation mark) are dropped: see trimEdges. The result is then a
// self-contained run of graphemes, so Width of a row is the sum of the Widths
// of its cells. When s is already clean it is returned as is, without
// allocating.
func Sanitize(s string) string {
	firstDirty := dirtyIndex(s)
	if firstDirty < 0 {
		return trimEdges(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:firstDirty])
	sanitizeInto(&b, s, firstDirty)
	return trimEdges(b.String())
}

// dirtyIndex returns the byte offset of the first thing Sanitize would
// change, or -1 when s is clean. It is the fast path: printable ASCII costs
// one comparison per byte.
func dirtyIndex(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < del {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i // C0 control or DEL
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		if isUnsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// isUnsafeRune reports whether a non-ASCII rune must not reach the screen.
func isUnsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r >= 0x202a && r <= 0x202e, // LRE RLE PDF LRO RLO
		r >= 0x2066 && r <= 0x2069,            // LRI RLI FSI PDI
		r == 0x200e, r == 0x200f, r == 0x061c: // LRM RLM ALM
		return true
	case r == 0xfeff, r == 0x2028, r == 0x2029:
		return true
	case isEmojiGlue(r):
		return true
	}
	return false
}

// isEmojiGlue reports the code points that fuse emoji into one glyph: ZWJ,
// the emoji/text presentation selectors, skin-tone modifiers and tag
// characters. Terminals disagree on how wide such a sequence is (tmux and
// most without grapheme clustering draw each part), so one line measured
// two ways would push every column after it. Without the glue each emoji
// stands alone, two cells wide everywhere: "👩‍👩‍👧" shows as "👩👩👧".
func isEmojiGlue(r rune) bool {
	switch {
	case r == 0x200d, r == 0xfe0e, r == 0xfe0f:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin tones
		return true
	case r >= 0xe0020 && r <= 0xe007f: // tags (subdivision flags)
		return true
	}
	return false
}

// sanitizeInto writes the clean form of s[i:] to b.
func sanitizeInto(b *strings.Builder, s string, i int) {
	// lastWasBreak is true while the last thing written is a space that
	// stands for a line break or tab, so that "\r\n" or "\t\t" gives one
	// space, even with dropped bytes between them.
	lastWasBreak := false
	writeBreak := func() {
		if !lastWasBreak {
			b.WriteByte(' ')
			lastWasBreak = true
		}
	}

	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c < del:
			b.WriteByte(c)
			lastWasBreak = false
			i++
		case c == '\t' || c == '\n' || c == '\r':
			writeBreak()
			i++
		case c == esc:
			i = skipEscape(s, i)
		case c < utf8.RuneSelf: // other C0 controls and DEL
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				for i < len(s) && !startsValidRune(s[i:]) {
					i++
				}
				b.WriteRune(utf8.RuneError)
				lastWasBreak = false
			case r == c1CSI:
				i = skipCSI(s, i+size)
			case r == c1OSC || r == c1DCS || r == c1SOS || r == c1PM || r == c1APC:
				i = skipControlString(s, i+size)
			case r == 0x2028 || r == 0x2029:
				writeBreak()
				i += size
			case isUnsafeRune(r):
				i += size
			default:
				b.WriteString(s[i : i+size])
				lastWasBreak = false
				i += size
			}
		}
	}
}

// startsValidRune reports whether s begins with a valid UTF-8 sequence.
func startsValidRune(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError || size != 1
}
