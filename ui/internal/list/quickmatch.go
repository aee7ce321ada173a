package list

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The quick filter's matching: fuzzy (the pattern's characters in order,
// not necessarily together), case-insensitive, over each loaded row's
// document name, id and customer. Written here rather than taken from
// github.com/sahilm/fuzzy: that would be a new dependency for some sixty
// lines, it works on a []string rebuilt per call (we keep the lower-cased
// haystacks between keystrokes and narrow the previous keystroke's
// matches), and it records matched character indexes we do not draw. On
// 100 000 rows a keystroke costs a few milliseconds
// (BenchmarkQuickFilterKeystroke).

// fieldSep separates the fields in a row's haystack; a match starting
// right after it starts a field.
const fieldSep = '\t'

// Scores: the order matters more than the numbers. The whole pattern in
// one piece always beats it scattered (a scattered match scores at most
// 7 a character, a contiguous one 8 a character and more); starting a
// field beats starting a word, which beats starting inside one.
const (
	scorePerChar        = 1
	scoreContiguousChar = 8
	scoreFieldStart     = 32
	scoreWordStart      = 16
	scoreAdjacent       = 4 // scattered: a character right after the previous one
	scoreCharAtWord     = 2 // scattered: a character starting a word
)

// quickPattern is a typed pattern ready for matching: lower-cased and cut
// into runes (each as its UTF-8 bytes, so a multi-byte character is
// matched whole, never byte by byte).
type quickPattern struct {
	text  []byte
	units [][]byte
}

func newQuickPattern(s string) quickPattern {
	p := quickPattern{text: []byte(strings.ToLower(s))}
	for i := 0; i < len(p.text); {
		_, size := utf8.DecodeRune(p.text[i:])
		p.units = append(p.units, p.text[i:i+size])
		i += size
	}
	return p
}

// fuzzyScore reports whether p matches hay (already lower-cased), and how
// well.
func fuzzyScore(hay []byte, p quickPattern) (int, bool) {
	if i := bytes.Index(hay, p.text); i >= 0 {
		score := len(p.units) * scoreContiguousChar
		switch {
		case i == 0 || hay[i-1] == fieldSep:
			score += scoreFieldStart
		case isWordBreak(hay[i-1]):
			score += scoreWordStart
		}
		return score, true
	}
	score, from, prevEnd := 0, 0, -1
	for _, u := range p.units {
		j := bytes.Index(hay[from:], u)
		if j < 0 {
			return 0, false
		}
		at := from + j
		score += scorePerChar
		if at == prevEnd {
			score += scoreAdjacent
		}
		if at == 0 || hay[at-1] == fieldSep || isWordBreak(hay[at-1]) {
			score += scoreCharAtWord
		}
		from = at + len(u)
		prevEnd = from
	}
	return score, true
}

func isWordBreak(b byte) bool {
	switch b {
	case ' ', '-', '_', '.', '/', ':':
		return true
	}
	return false
}

// haystackFields are what the quick filter searches in a row, in the order
// its cells are marked: the name, id and customer, and the type and status
// words the list shows.
func haystackFields(r *common.Row) [5]string {
	return [...]string{r.Name, r.IDText, r.Customer, shortType(r.DocType), r.Status}
}

// appendHaystack appends a row's haystackFields, lower-cased, separated by
// fieldSep.
func appendHaystack(buf []byte, r *common.Row) []byte {
	for i, field := range haystackFields(r) {
		if i > 0 {
			buf = append(buf, fieldSep)
		}
		buf = appendLower(buf, field)
	}
	return buf
}

// appendLower appends s lower-cased: in place while it is ASCII (no
// allocation), through strings.ToLower otherwise.
func appendLower(buf []byte, s string) []byte {
	start := len(buf)
	buf = append(buf, s...)
	for i := start; i < len(buf); i++ {
		switch c := buf[i]; {
		case c >= utf8.RuneSelf:
			return append(buf[:start], strings.ToLower(s)...)
		case 'A' <= c && c <= 'Z':
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf
}

// storeSignature changes whenever a store's rows or their order change:
// new rows and changed ones bump versions, a reload changes the count, s
// changes the sort.
type storeSignature struct {
	rows     int
	versions uint32
	sort     sortMode
}

func signatureOf(s *rowStore) storeSignature {
	return storeSignature{rows: len(s.rows), versions: s.versions, sort: s.sort}
}

// quickMatcher filters one store's rows. It keeps every row's haystack,
// lower-cased once per row version, in one buffer, and the last result,
// which the next keystroke narrows when the pattern only grew.
type quickMatcher struct {
	hay     []byte    // the haystacks, one after another
	spans   []haySpan // by row index in the store
	garbage int       // bytes of hay no span refers to any more

	sig     storeSignature
	pattern string  // lower-cased, of matches
	matches []int32 // display positions, best first
	keys    []uint64
}

// haySpan is where a row's haystack is in the buffer, and the row version
// it was made from.
type haySpan struct {
	start, end uint32
	version    uint32
}

// filter returns the display positions of the rows matching pattern, best
// first, ties in display order. The slice is reused by the next call.
func (m *quickMatcher) filter(s *rowStore, pattern string) []int32 {
	p := newQuickPattern(pattern)
	sig := signatureOf(s)
	narrowing := sig == m.sig && m.pattern != "" && bytes.HasPrefix(p.text, []byte(m.pattern))
	if sig != m.sig {
		m.sync(s.rows)
	}
	m.sig, m.pattern = sig, string(p.text)

	if len(p.text) == 0 {
		m.matches = m.matches[:0]
		for pos := range s.order {
			m.matches = append(m.matches, int32(pos))
		}
		return m.matches
	}
	m.keys = m.keys[:0]
	score := func(pos int32) {
		sp := m.spans[s.order[pos]]
		if sc, ok := fuzzyScore(m.hay[sp.start:sp.end], p); ok {
			// Best first, then display order: one sort of plain integers.
			m.keys = append(m.keys, uint64(math.MaxInt32-sc)<<32|uint64(pos))
		}
	}
	if narrowing {
		for _, pos := range m.matches {
			score(pos)
		}
	} else {
		for pos := range s.order {
			score(int32(pos))
		}
	}
	slices.Sort(m.keys)
	m.matches = m.matches[:0]
	for _, k := range m.keys {
		m.matches = append(m.matches, int32(uint32(k)))
	}
	return m.matches
}

// sync brings the haystacks up to date with rows: new rows get one, and a
// row whose version moved gets a fresh one at the end of the buffer. When
// more than half the buffer is stale (a reload replaced the rows), it is
// built again.
func (m *quickMatcher) sync(rows []common.Row) {
	if len(rows) < len(m.spans) || len(m.spans) == 0 {
		m.rebuild(rows) // a reload, or the first time
		return
	}
	for i := range rows {
		r := &rows[i]
		if i < len(m.spans) && m.spans[i].version == r.Version {
			continue
		}
		if i < len(m.spans) {
			m.garbage += int(m.spans[i].end - m.spans[i].start)
		}
		start := len(m.hay)
		m.hay = appendHaystack(m.hay, r)
		sp := haySpan{start: uint32(start), end: uint32(len(m.hay)), version: r.Version}
		if i < len(m.spans) {
			m.spans[i] = sp
		} else {
			m.spans = append(m.spans, sp)
		}
	}
	if m.garbage > len(m.hay)/2 {
		m.rebuild(rows)
	}
}

func (m *quickMatcher) rebuild(rows []common.Row) {
	// A row's haystack is some 40 bytes: ask for that much at once rather
	// than grow the buffer step by step.
	m.hay = make([]byte, 0, len(rows)*48)
	m.spans, m.garbage = slices.Grow(m.spans[:0], len(rows)), 0
	for i := range rows {
		start := len(m.hay)
		m.hay = appendHaystack(m.hay, &rows[i])
		m.spans = append(m.spans, haySpan{start: uint32(start), end: uint32(len(m.hay)), version: rows[i].Version})
	}
}

// haystackColumns are the columns haystackFields are drawn in.
var haystackColumns = [...]column{colDocument, colID, colCustomer, colType, colStatus}

// fuzzyMarks finds, for a row that matched pattern, which characters of
// each searched cell the match used: each pattern character, left to
// right, at its next occurrence (case folded) in the fields in order. The
// scorer may have aligned a little differently; the marks show a reviewer
// why the row is there. Rune indexes, by column.
func fuzzyMarks(r *common.Row, pattern string) map[column][]int {
	want := []rune(strings.ToLower(strings.ReplaceAll(pattern, " ", "")))
	marks := make(map[column][]int)
	fields := haystackFields(r)
	next := 0
	for f := 0; f < len(fields) && next < len(want); f++ {
		shift := 0
		if haystackColumns[f] == colStatus && (r.Status == client.StatusProcessing || r.Status == client.StatusFailed) {
			shift = 2 // the cell starts with a spinner or ✗ and a space
		}
		for i, c := range []rune(strings.ToLower(fields[f])) {
			if next < len(want) && c == want[next] {
				marks[haystackColumns[f]] = append(marks[haystackColumns[f]], i+shift)
				next++
			}
		}
	}
	return marks
}
