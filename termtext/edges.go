package termtext

import (
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// A string is laid out beside others: a space of padding, a column gap. If
// it began with a combining mark, ZWJ or variation selector, that would fuse
// with the neighbour on its left into one grapheme (" \ufe0f" is a 2-cell
// emoji space), and if it ended with a prepended concatenation mark (such as
// U+0600) it would fuse with the neighbour on its right. Either way the row
// would no longer be as wide as its cells add up to. Such orphans mean
// nothing on their own, so trimEdges drops them.
func trimEdges(s string) string {
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		if !fusesWithSpaceBefore(r) {
			break
		}
		s = s[size:]
	}
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !fusesWithSpaceAfter(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// fusesWithSpaceBefore reports whether " " followed by r is one grapheme.
func fusesWithSpaceBefore(r rune) bool {
	if !mayExtend(r) {
		return false
	}
	var buf [1 + utf8.UTFMax]byte
	buf[0] = ' '
	n := 1 + utf8.EncodeRune(buf[1:], r)
	cluster, _ := ansi.FirstGraphemeCluster(buf[:n], ansi.GraphemeWidth)
	return len(cluster) > 1
}

// fusesWithSpaceAfter reports whether r followed by " " is one grapheme.
func fusesWithSpaceAfter(r rune) bool {
	if !mayPrepend(r) {
		return false
	}
	var buf [utf8.UTFMax + 1]byte
	n := utf8.EncodeRune(buf[:], r)
	buf[n] = ' '
	cluster, _ := ansi.FirstGraphemeCluster(buf[:n+1], ansi.GraphemeWidth)
	return len(cluster) > n
}

// The exact tests above ask the grapheme segmenter, which costs an
// allocation. mayExtend and mayPrepend are cheap supersets of the runes that
// can pass them (a test checks every code point), so ordinary text (ASCII,
// letters, CJK, emoji) never pays that.

// mayExtend reports whether r could be Grapheme_Cluster_Break Extend, ZWJ or
// SpacingMark: marks, format characters (ZWJ, ZWNJ, tags), emoji skin-tone
// modifiers (Sk), the halfwidth kana voicing marks (Lm), and the Thai and Lao
// AM vowels, the only SpacingMarks that are letters.
func mayExtend(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.In(r, unicode.M, unicode.Cf, unicode.Sk, unicode.Lm) ||
		r == 0x0e33 || r == 0x0eb3 || newerThanGo(r)
}

// mayPrepend reports whether r could be Grapheme_Cluster_Break Prepend:
// format characters such as U+0600, Malayalam dot reph, and letters of the
// Brahmic scripts encoded in U+11000–U+11FFF.
func mayPrepend(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.Is(unicode.Cf, r) || r == 0x0d4e || (r >= 0x11000 && r <= 0x11fff) ||
		newerThanGo(r)
}

// newerThanGo reports whether r is unassigned in Go's Unicode tables. The
// segmenter follows a newer Unicode version, in which some of these runes
// are marks.
func newerThanGo(r rune) bool {
	return unicode.Is(unicode.Cn, r)
}
