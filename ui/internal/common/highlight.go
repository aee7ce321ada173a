package common

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/dxdash/dxdash/ui/internal/styles"
)

// Marking where a search query appears in a result's id and document
// name. The mark is underlined and bold as well as coloured, so it shows
// with NO_COLOR and on a monochrome terminal.

// highlightStyle is the mark: the accent colour where there is colour.
func highlightStyle(st *styles.Styles) lipgloss.Style {
	return st.Title.Underline(true)
}

// HighlightMatches draws text (a cell, already fitted to its width) in
// base, with each case-insensitive occurrence of query marked. base may be
// nil for unstyled text.
func HighlightMatches(st *styles.Styles, text, query string, base *lipgloss.Style) string {
	plain := func(s string) string {
		if base == nil || s == "" {
			return s
		}
		return base.Render(s)
	}
	spans := matchSpans(text, query)
	if len(spans) == 0 {
		return plain(text)
	}
	mark := highlightStyle(st)
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(plain(text[at:sp[0]]))
		b.WriteString(mark.Render(text[sp[0]:sp[1]]))
		at = sp[1]
	}
	b.WriteString(plain(text[at:]))
	return b.String()
}

// matchSpans returns the byte ranges where query occurs in text, ignoring
// case, left to right and not overlapping. Runes are compared by Unicode
// case folding, so offsets stay right where lower-casing would change a
// character's length.
func matchSpans(text, query string) [][2]int {
	if query == "" {
		return nil
	}
	var spans [][2]int
	for i := 0; i < len(text); {
		if n, ok := foldedPrefix(text[i:], query); ok {
			spans = append(spans, [2]int{i, i + n})
			i += n
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return spans
}

// foldedPrefix reports whether s begins with prefix, ignoring case, and
// how many bytes of s that prefix takes.
func foldedPrefix(s, prefix string) (int, bool) {
	n := 0
	for _, want := range prefix {
		if n >= len(s) {
			return 0, false
		}
		got, size := utf8.DecodeRuneInString(s[n:])
		if !equalFoldRune(got, want) {
			return 0, false
		}
		n += size
	}
	return n, true
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return ('A' <= a && a <= 'Z' && a+'a'-'A' == b) || ('A' <= b && b <= 'Z' && b+'a'-'A' == a)
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// MarkRunes draws text in base, with the runes at the given indexes (in
// order) in the highlight style: the quick filter's matched characters.
func MarkRunes(st *styles.Styles, text string, at []int, base *lipgloss.Style) string {
	plain := func(s string) string {
		if base == nil || s == "" {
			return s
		}
		return base.Render(s)
	}
	mark := highlightStyle(st)
	var b, run strings.Builder
	next, i := 0, 0
	for _, r := range text {
		if next < len(at) && at[next] == i {
			b.WriteString(plain(run.String()))
			run.Reset()
			b.WriteString(mark.Render(string(r)))
			next++
		} else {
			run.WriteRune(r)
		}
		i++
	}
	b.WriteString(plain(run.String()))
	return b.String()
}
