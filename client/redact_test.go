package client

import (
	"fmt"
	"strings"
	"testing"
)

func TestRedactHidesTheKeyAndItsPieces(t *testing.T) {
	r := NewRedactor(testKey) // sk_test_9f8e7d6c5b4a39281706SECRET
	tests := []struct{ in, want string }{
		{"", ""},
		{"nothing to hide", "nothing to hide"},
		{"key " + testKey + " twice " + testKey, "key [redacted] twice [redacted]"},
		{testKey + testKey, "[redacted]"},
		// Pieces of 8 and more, wherever they come from in the key.
		{"starts " + testKey[:8] + ".", "starts [redacted]."},
		{"ends " + testKey[len(testKey)-8:], "ends [redacted]"},
		{"middle " + testKey[10:19] + "!", "middle [redacted]!"},
		{`"` + testKey[:20] + `"…`, `"[redacted]"…`},
		// 7 is not a piece: ordinary text is left alone.
		{"seven " + testKey[:7] + " is fine", "seven " + testKey[:7] + " is fine"},
		{"sk_test_ alone", "[redacted] alone"},
		// Percent-encoded, in either case of hex, once or twice.
		{"?key=" + percentEncodeAll(testKey), "?key=[redacted]"},
		{"?key=" + strings.ToLower(percentEncodeAll(testKey)), "?key=[redacted]"},
		{"?key=" + strings.ReplaceAll(percentEncodeAll(testKey), "%", "%25") + "&x=1", "?key=[redacted]&x=1"},
		{"?k=sk%5Ftest%5F9f8e&x", "?k=[redacted]&x"},
		{"100% sure, %zz", "100% sure, %zz"},
	}
	for _, tt := range tests {
		if got := r.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactShortKeyOnlyWhole(t *testing.T) {
	// The config refuses such a key; a library caller may still use one,
	// and then only the whole key is hidden.
	r := NewRedactor("abc")
	if got := r.Redact("a cab abc abcabc"); got != "a cab [redacted] [redacted]" {
		t.Errorf("Redact = %q", got)
	}
	if got := NewRedactor("").Redact("text"); got != "text" {
		t.Errorf("an empty key changed the text: %q", got)
	}
}

// FuzzRedact: a text made of the fuzzer's text around a piece of the key,
// written as it is, percent-encoded or encoded twice (byte by byte, each
// byte one way or another), comes back with nothing of 8 bytes or more of
// the key left in it, as written or percent-decoded once or twice; and a
// text without any such piece comes back unchanged. The seed corpus is
// testdata/fuzz/FuzzRedact.
//
//	go test ./client -run '^$' -fuzz '^FuzzRedact$' -fuzztime 60s
func FuzzRedact(f *testing.F) {
	f.Add("key ", uint8(0), uint8(34), uint64(0), " end")
	f.Add("?k=", uint8(3), uint8(20), uint64(0xffffffff), "&x=%")
	f.Fuzz(func(t *testing.T, head string, from, n uint8, encoding uint64, tail string) {
		start := min(int(from), len(testKey))
		piece := testKey[start:min(start+int(n), len(testKey))]
		var mid strings.Builder
		for i := 0; i < len(piece); i++ {
			// Two bits a byte: as is, %XX, %25XX, or %xx in lower case.
			switch (encoding >> (2 * (i % 32))) & 3 {
			case 0:
				mid.WriteByte(piece[i])
			case 1:
				fmt.Fprintf(&mid, "%%%02X", piece[i])
			case 2:
				fmt.Fprintf(&mid, "%%25%02X", piece[i])
			case 3:
				fmt.Fprintf(&mid, "%%%02x", piece[i])
			}
		}
		s := head + mid.String() + tail
		got := NewRedactor(testKey).Redact(s)
		if leak := keyPiece(got); leak != "" {
			t.Fatalf("Redact(%q) = %q leaves %q", s, got, leak)
		}
		if keyPiece(s) == "" && got != s {
			t.Fatalf("Redact(%q) = %q changed text with nothing of the key", s, got)
		}
	})
}
