package client

import "strings"

// MinRedactedPiece is the shortest piece of the key that Redact hides. A
// server that echoes the key may echo only part of it, and an excerpt may
// cut it short: 8 characters of a key are too many to show, yet fewer
// would start to match ordinary words (a key of "a" would hide every "a").
// So keys shorter than this are refused when the config is loaded.
const MinRedactedPiece = 8

// Redactor hides one secret, the API key, in text on its way to a screen,
// an error or a log. It is safe for concurrent use.
type Redactor struct {
	piece int // the length of the pieces hidden
	// windows holds every piece of the key `piece` bytes long. A run of
	// text spells a piece of the key at least that long exactly when each
	// of its windows is one of these, so marking every matching window
	// marks every such run.
	windows map[string]struct{}
}

// NewRedactor returns a Redactor for key.
func NewRedactor(key string) Redactor {
	if key == "" {
		return Redactor{}
	}
	r := Redactor{piece: min(MinRedactedPiece, len(key)), windows: map[string]struct{}{}}
	for i := 0; i+r.piece <= len(key); i++ {
		r.windows[key[i:i+r.piece]] = struct{}{}
	}
	return r
}

// ServerText makes text from the server fit to show on a screen or write
// to a log: control characters (escape sequences included) and bidi
// controls out, cut to 500 runes, and without the key or any piece of it,
// should a hostile server echo it. The key is hidden before the cut, so
// that the cut cannot leave a part of it too short to recognise, and again
// after cleaning, which may join a key the server split with controls.
func (r Redactor) ServerText(s string) string {
	return r.Redact(cleanText(r.Redact(s)))
}

// Redact replaces with "[redacted]" every run of text that spells a piece
// of the key at least MinRedactedPiece bytes long (or the whole key, if it
// is shorter), as written, percent-decoded once (%73 for s) or twice (%2573,
// as a cursor holding an escape comes back in a query string). So the key,
// any long part of it, and the key in a URL are all hidden.
func (r Redactor) Redact(s string) string {
	piece := r.piece
	if piece == 0 || len(s) < piece {
		return s
	}
	covered := make([]bool, len(s)) // bytes of s to hide
	found := false
	// s as written, then decoded once and twice; each decoded byte knows
	// where in s it came from. All three are searched, since decoding can
	// also break a match (a key that holds "%41").
	text, spans := []byte(s), identitySpans(len(s))
	for pass := 0; pass < 3; pass++ {
		for i := 0; i+piece <= len(text); i++ {
			if _, ok := r.windows[string(text[i:i+piece])]; ok {
				for j := spans[i]; j < spans[i+piece]; j++ {
					covered[j] = true
				}
				found = true
			}
		}
		if pass < 2 {
			var decoded bool
			if text, spans, decoded = decodePercents(text, spans); !decoded {
				break
			}
		}
	}
	if !found {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !covered[i] {
			b.WriteByte(s[i])
			i++
			continue
		}
		for i < len(s) && covered[i] {
			i++
		}
		b.WriteString(redactedKey)
	}
	return b.String()
}

// identitySpans is where each byte of a text n bytes long starts, and its
// end: 0, 1, ..., n.
func identitySpans(n int) []int {
	spans := make([]int, n+1)
	for i := range spans {
		spans[i] = i
	}
	return spans
}

// decodePercents decodes every %XX in text. spans says where each byte of
// text starts in the original string (and, last, where it ends); the
// result's spans say the same of the decoded bytes. decoded is false when
// there was nothing to decode.
func decodePercents(text []byte, spans []int) (out []byte, outSpans []int, decoded bool) {
	out = make([]byte, 0, len(text))
	outSpans = make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		outSpans = append(outSpans, spans[i])
		if text[i] == '%' && i+2 < len(text) {
			if hi, ok := unhex(text[i+1]); ok {
				if lo, ok := unhex(text[i+2]); ok {
					out = append(out, hi<<4|lo)
					i += 3
					decoded = true
					continue
				}
			}
		}
		out = append(out, text[i])
		i++
	}
	return out, append(outSpans, spans[len(text)]), decoded
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
