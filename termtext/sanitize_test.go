package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Clean text passes through.
		{"empty", "", ""},
		{"ascii", "invoice-2026-0412.pdf", "invoice-2026-0412.pdf"},
		{"cjk", "請求書 2026", "請求書 2026"},
		// Emoji glue goes: terminals disagree on the width of a fused sequence.
		{"emoji zwj family", "👩\u200d👩\u200d👧", "👩👩👧"},
		{"variation selector", "❤\ufe0f ok", "❤ ok"},
		{"skin tone", "🧑\U0001f3fd\u200d💻", "🧑💻"},
		{"subdivision flag tags", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "🏴"},
		{"combining marks", "cafe\u0301 n\u0303", "cafe\u0301 n\u0303"},
		{"flag", "🇩🇪", "🇩🇪"},
		{"replacement char itself", "a\ufffdb", "a\ufffdb"},

		// OSC: window title, clipboard, hyperlinks.
		{"osc 0 title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc 2 title st", "a\x1b]2;pwned\x1b\\b", "ab"},
		{"osc 52 clipboard", "x\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07y", "xy"},
		{"osc 8 hyperlink keeps text", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"osc unterminated eats rest", "a\x1b]0;title with no end", "a"},
		{"osc ended by CAN", "a\x1b]0;t\x18b", "ab"},
		{"osc ended by new ESC", "a\x1b]0;t\x1b[31mb", "ab"},
		{"osc ended by 8-bit ST", "a\x1b]0;t\u009cb", "ab"},

		// CSI.
		{"csi clear screen", "a\x1b[2Jb", "ab"},
		{"csi sgr with params", "\x1b[1;38;2;255;0;0mred\x1b[0m", "red"},
		{"csi private mode", "a\x1b[?1049hb", "ab"},
		{"csi cursor up", "a\x1b[10Ab", "ab"},
		{"csi truncated at end", "a\x1b[12;3", "a"},
		{"csi interrupted by LF", "a\x1b[2\nJ", "a J"},

		// Other escapes.
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"pm", "a\x1b^private\x1b\\b", "ab"},
		{"sos", "a\x1bXstring\x1b\\b", "ab"},
		{"two-byte reset", "a\x1bcb", "ab"},
		{"two-byte save cursor", "a\x1b7b", "ab"},
		{"nF charset", "a\x1b(0b", "ab"},
		{"lone ESC at end", "a\x1b", "a"},
		{"ESC ESC", "a\x1b\x1b[2Jb", "ab"},
		{"ESC before control", "a\x1b\x00b", "ab"},

		// 8-bit C1 forms, UTF-8 encoded.
		{"c1 csi", "a\u009b2Jb", "ab"},
		{"c1 osc", "a\u009d0;title\u009cb", "ab"},
		{"c1 osc bel", "a\u009d52;c;AAAA\x07b", "ab"},
		{"c1 dcs", "a\u0090stuff\u009cb", "ab"},
		{"c1 apc", "a\u009fstuff\u009cb", "ab"},
		{"c1 NEL dropped", "a\u0085b", "ab"},
		{"c1 plain controls", "\u0080a\u0081b\u008ac", "abc"},

		// C0 and DEL.
		{"NUL", "a\x00b", "ab"},
		{"BS", "abc\b\b\bxyz", "abcxyz"},
		{"BEL", "a\x07b", "ab"},
		{"DEL", "a\x7fb", "ab"},
		{"TAB", "a\tb", "a b"},
		{"CR", "paid\rREFUND", "paid REFUND"},
		{"CRLF is one space", "line1\r\nline2", "line1 line2"},
		{"break run across dropped byte", "a\r\x00\nb", "a b"},
		{"real spaces kept", "a \n b", "a   b"},
		{"vertical tab dropped", "a\vb", "ab"},
		{"line separator", "a\u2028b\u2029c", "a b c"},

		// Bidi and invisible troublemakers.
		{"RLO", "invoice\u202efdp.exe", "invoicefdp.exe"},
		{"embeddings", "\u202a\u202b\u202c\u202dx", "x"},
		{"isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"marks", "\u200ea\u200fb\u061cc", "abc"},
		{"BOM", "\ufeffname", "name"},

		// Invalid UTF-8.
		{"invalid byte", "a\xffb", "a\ufffdb"},
		{"invalid run is one U+FFFD", "a\xff\xfe\xfdb", "a\ufffdb"},
		{"truncated rune", "a\xe4\xb8", "a\ufffd"},
		{"raw 8-bit CSI byte", "a\x9b2Jb", "a\ufffd2Jb"},
		{"overlong slash", "\xc0\xafetc", "\ufffdetc"},

		// Orphans at the edges that would fuse with a neighbouring cell.
		{"leading combining mark", "\u0301\u0302abc", "abc"},
		{"leading variation selector", "\ufe0f0", "0"},
		{"leading zwj", "\u200d👧", "👧"},
		{"leading orphan after removed escape", "\x1b[1m\u0301a", "a"},
		{"trailing prepend mark", "1\u0600", "1"},
		{"only orphans", "\u0301\ufe0f", ""},
		{"inner combining marks kept", "a\u0301\u0302b", "a\u0301\u0302b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			assertSafe(t, got)
		})
	}
}

func TestSanitizeCleanStringIsNotCopied(t *testing.T) {
	for _, in := range []string{
		"northwind-invoice-2026-0412.pdf · 請求書 👩👩👧",
		"請求書 café",
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if Sanitize(in) != in {
				t.Fatal("clean input changed")
			}
		})
		if allocs != 0 {
			t.Errorf("Sanitize(%q) allocated %v times, want 0", in, allocs)
		}
	}
}

func TestSanitizeIsIdempotent(t *testing.T) {
	for _, in := range hostileSamples {
		once := Sanitize(in)
		if twice := Sanitize(once); twice != once {
			t.Errorf("Sanitize not idempotent on %q: %q then %q", in, once, twice)
		}
	}
}

func TestSanitizedSamplesAreSafe(t *testing.T) {
	for _, in := range hostileSamples {
		assertSafe(t, Sanitize(in))
	}
}

// hostileSamples is shared with the width tests and seeds the fuzzer.
var hostileSamples = []string{
	"",
	"plain",
	"\x1b]0;title\x07",
	"\x1b]52;c;Y3VybA==\x07",
	"\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\",
	"\x1b[2J\x1b[H",
	"\x1b[38;5;196mred\x1b[0m",
	"\u009b2J\u009d0;t\u009c",
	"a\u202eb\u2066c\u200fd",
	"\x00\b\r\n\t\x7f",
	"\xff\xfe\xc0\xaf\xe4\xb8",
	"請求書の合計金額",
	"👩\u200d👩\u200d👧 family",
	"e\u0301\u0301\u0301",
	"1\ufe0f\u20e3 keycap",
	"🇩🇪🇫🇷🇯",
	"a\u2028b\ufeff",
	"\ufe0f0",
	"\u0301a\u0600",
}

// assertSafe fails unless s is valid UTF-8 free of every code point a
// terminal would act on.
func assertSafe(t *testing.T, s string) {
	t.Helper()
	if problem := unsafeReason(s); problem != "" {
		t.Errorf("output %q is unsafe: %s", s, problem)
	}
}

func unsafeReason(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return "C0 control or DEL byte"
		}
	}
	for _, r := range s {
		switch {
		case r >= 0x80 && r <= 0x9f:
			return "C1 control"
		case strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c", r):
			return "bidi control"
		case r == 0xfeff || r == 0x2028 || r == 0x2029:
			return "invisible separator"
		}
	}
	return ""
}
