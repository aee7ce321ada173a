package termtext

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis ends a string that Truncate had to cut. It is one cell wide.
const Ellipsis = "…"

// Width returns the number of terminal cells s occupies, grapheme-aware,
// measured exactly as lipgloss measures it.
func Width(s string) int {
	return ansi.StringWidth(s)
}

// Truncate returns s cut to at most width cells, ending in Ellipsis when
// anything was cut. It cuts only between grapheme clusters, so an emoji
// sequence or a letter with its combining marks is kept or dropped whole; a
// wide cluster that would straddle the limit is dropped, leaving the result
// one cell short rather than half a glyph. A width of zero or less gives "".
//
// s should already be sanitized: escape sequences are measured as text.
func Truncate(s string, width int) string {
	out, _ := truncate(s, width)
	return out
}

// Fit returns s truncated to width cells and padded on the right with spaces
// to exactly width cells: a left-aligned table cell.
func Fit(s string, width int) string {
	return pad(s, width, false)
}

// FitRight is Fit with the padding on the left: a right-aligned cell, for
// numbers.
func FitRight(s string, width int) string {
	return pad(s, width, true)
}

// Clean sanitizes untrusted s and fits it to exactly width cells.
func Clean(s string, width int) string {
	return Fit(Sanitize(s), width)
}

// truncate is Truncate that also reports the width of its result, so
// callers that pad need not measure twice. It walks s once and stops as soon
// as s is known not to fit, so a long string costs no more than its head.
func truncate(s string, width int) (string, int) {
	if width <= 0 {
		return "", 0
	}
	ellipsisWidth := Width(Ellipsis)
	budget := width - ellipsisWidth // room left of the ellipsis, if we cut
	used := 0                       // cells in s[:end]
	cutEnd, cutWidth := 0, 0        // the longest prefix that fits the budget
	for end := 0; end < len(s); {
		cluster, w := nextCluster(s[end:])
		if used+w > width {
			return s[:cutEnd] + Ellipsis, cutWidth + ellipsisWidth
		}
		used += w
		end += len(cluster)
		if used <= budget {
			cutEnd, cutWidth = end, used
		}
	}
	return s, used
}

// nextCluster returns the grapheme cluster at the start of s and its width.
// Width walks s cluster by cluster with the same segmenter, so the parts add
// up to what Width says of the whole.
func nextCluster(s string) (string, int) {
	// Fast path: an ASCII byte followed by ASCII (or nothing) is a cluster
	// on its own (CR LF aside, and sanitized text has none). Printable ASCII
	// is one cell; a control byte none, as Width counts it.
	if s[0] < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf) {
		if s[0] >= 0x20 && s[0] < del {
			return s[:1], 1
		}
		return s[:1], 0
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

func pad(s string, width int, left bool) string {
	t, w := truncate(s, width)
	if w >= width {
		return t
	}
	var b strings.Builder
	b.Grow(len(t) + width - w)
	if !left {
		b.WriteString(t)
	}
	for range width - w {
		b.WriteByte(' ')
	}
	if left {
		b.WriteString(t)
	}
	return b.String()
}
