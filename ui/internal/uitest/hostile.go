package uitest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile is server text meant to break the screen: escape sequences
// (clear screen, clipboard write, window title, 8-bit CSI), bidi overrides,
// wide CJK and emoji sequences, control characters and invalid UTF-8.
var Hostile = []string{
	"\x1b[2J\x1b[Hcleared.pdf",
	"clip\x1b]52;c;cm0gLXJmIH4=\x07board.pdf",
	"title\x1b]0;pwned\x1b\\.pdf",
	"\u202etxt.exe\u202c.pdf",
	"請求書-東京-二〇二六年四月分-株式会社ノースウィンド.pdf",
	"🧾 receipt 👩‍👩‍👧‍👦 family 🇯🇵.jpg",
	"tab\there\nnewline\rcr\x00nul\x07bel.pdf",
	"c1\u009b31mred\u009d0;x\u009c.pdf",
	"bad\xff\xfeutf8.pdf",
	strings.Repeat("W", 300),
}

// AssertNoForeignEscapes fails on any escape sequence but the SGR styles
// the views write themselves, on C0/C1 controls other than newline, on
// bidi controls and on invalid UTF-8.
func AssertNoForeignEscapes(t testing.TB, view string) {
	t.Helper()
	if !utf8.ValidString(view) {
		t.Fatalf("invalid UTF-8 on screen")
	}
	for i := 0; i < len(view); i++ {
		b := view[i]
		if b == 0x1b {
			j := i + 1
			if j >= len(view) || view[j] != '[' {
				t.Fatalf("non-CSI escape at %d: %q", i, view[i:min(i+20, len(view))])
			}
			j++
			for j < len(view) && (view[j] >= '0' && view[j] <= '9' || view[j] == ';' || view[j] == ':') {
				j++
			}
			if j >= len(view) || view[j] != 'm' {
				t.Fatalf("non-SGR sequence at %d: %q", i, view[i:min(i+20, len(view))])
			}
			i = j
			continue
		}
		if b < 0x20 && b != '\n' || b == 0x7f {
			t.Fatalf("control byte %#x on screen at %d", b, i)
		}
	}
	for _, r := range view {
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("control rune %U on screen", r)
		}
	}
}
