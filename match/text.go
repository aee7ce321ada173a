package match

import (
	"strings"
	"unicode"
)

// Fold lowers the case and collapses each run of white space to one space,
// trimming the ends: the contract's "case and white space folded". Folding
// twice changes nothing, so a parser may fold text that is folded already.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
