package termtext

import (
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// TestEdgePrefiltersCoverEveryRune walks every code point to prove that the
// cheap prefilters never hide a rune the segmenter would fuse with a space.
func TestEdgePrefiltersCoverEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("walks all of Unicode")
	}
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		enc := string(r)
		if !mayExtend(r) {
			if cluster, _ := ansi.FirstGraphemeCluster(" "+enc, ansi.GraphemeWidth); len(cluster) > 1 {
				t.Errorf("U+%04X fuses with a space before it but mayExtend says no", r)
			}
		}
		if !mayPrepend(r) {
			if cluster, _ := ansi.FirstGraphemeCluster(enc+" ", ansi.GraphemeWidth); len(cluster) > len(enc) {
				t.Errorf("U+%04X fuses with a space after it but mayPrepend says no", r)
			}
		}
	}
}
