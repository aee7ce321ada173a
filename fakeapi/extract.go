package fakeapi

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
)

// Extraction: reading the laid-out values the way an OCR model does, with
// the mistakes real ones make. Confidence is informative: right readings
// are mostly confident, wrong ones mostly not, and a few are confidently
// wrong.

// errorRate is how often a field of average difficulty is misread on this
// document: clean digital PDFs are rarely wrong, crumpled receipts often.
func (g *generator) errorRate() float64 {
	u := g.r.float()
	if g.p.docType == docReceipt { // photographed, rarely clean
		u = 0.4 + 0.6*u
	}
	switch {
	case u < 0.5:
		return 0.012
	case u < 0.8:
		return 0.04
	case u < 0.95:
		return 0.1
	default:
		return 0.22
	}
}

// difficulty scales the error rate by what a value is: addresses span
// lines, free text has more glyphs to confuse, currency codes are easy.
func difficulty(s *spec) float64 {
	switch s.typ {
	case "address":
		return 1.6
	case "string":
		if isIdentifier(s.truth) {
			return 1
		}
		return 1.2
	case "date":
		return 0.8
	case "number":
		return 0.9
	case "currency":
		return 0.3
	case "boolean":
		return 0.5
	default:
		return 1
	}
}

func (g *generator) extract() document {
	r := g.r
	rate := g.errorRate()
	// Many extractors normalise dates and amounts to canonical form; the
	// others return what the page prints ("12.04.2026", "1,230.00").
	normalises := r.chance(0.65)
	// A scan is never quite straight: every box shifts a little.
	dx, dy := r.floatBetween(-0.006, 0.006), r.floatBetween(-0.006, 0.006)
	spuriousRow := len(g.rows) > 0 && len(g.rows) < maxLineItems && r.chance(0.03)

	total := len(g.header) + 2
	for _, row := range g.rows {
		total += len(row)
	}
	// Fields point into boxes, and rows into pairs: both are sized up front
	// so that they never move while the document is built.
	sc := g.s
	if cap(sc.boxes) < total || cap(sc.pairs) < total {
		sc.boxes = make([]client.BoundingBox, 0, total)
		sc.pairs = make([]fieldPair, 0, total)
	}
	reader := fieldReader{r: r, rate: rate, normalises: normalises, dx: dx, dy: dy, boxes: sc.boxes[:0]}

	pairs := sc.pairs[:0]
	for i := range g.header {
		pairs = append(pairs, reader.read(&g.header[i], findSpec(g.header, g.header[i].neighbour)))
	}
	doc := document{name: g.name, pageCount: g.pages, header: pairs[:len(pairs):len(pairs)]}
	rows := sc.rowPairs[:0]
	for _, row := range g.rows {
		start := len(pairs)
		for i := range row {
			pairs = append(pairs, reader.read(&row[i], findSpec(row, row[i].neighbour)))
		}
		rows = append(rows, pairs[start:len(pairs):len(pairs)])
	}
	if spuriousRow {
		// The subtotal line read as one more item: a classic table mistake.
		subtotal := findSpec(g.header, "subtotal")
		page, top := subtotal.box.Page, subtotal.box.Top
		fake := [2]spec{
			{name: "description", typ: "string", printed: "Subtotal", box: box(page, 0.6, top, 0.12, 0.02, "Subtotal", false)},
			{name: "amount", typ: "amount", printed: subtotal.printed, box: subtotal.box},
		}
		start := len(pairs)
		for i := range fake {
			pairs = append(pairs, reader.read(&fake[i], nil))
		}
		rows = append(rows, pairs[start:])
	}
	sc.rowPairs = rows
	doc.rows = rows
	return doc
}

func findSpec(specs []spec, name string) *spec {
	if name == "" {
		return nil
	}
	for i := range specs {
		if specs[i].name == name {
			return &specs[i]
		}
	}
	return nil
}

type fieldReader struct {
	r          *rng
	rate       float64
	normalises bool
	dx, dy     float64
	boxes      []client.BoundingBox // with room for every field
}

// read extracts one value: right, misread, or not found at all.
func (fr *fieldReader) read(s *spec, neighbour *spec) fieldPair {
	r := fr.r
	pair := fieldPair{name: s.name, typ: s.typ}
	if s.truth == "" { // nothing there to read: a spurious value
		pair.extracted = client.StringValue(s.printed)
		pair.confidence = confidence(r.floatBetween(0.35, 0.75))
		pair.box = fr.place(s.box)
		return pair
	}
	pair.truth = client.StringValue(s.truth)
	if !r.chance(fr.rate * difficulty(s)) {
		pair.extracted = client.StringValue(fr.form(s))
		pair.confidence = rightConfidence(r)
		pair.box = fr.place(s.box)
		return pair
	}
	if !r.chance(0.25) {
		if wrong, ok := misread(r, s, fr.form(s), fr.neighbourValue(neighbour)); ok {
			pair.extracted = client.StringValue(wrong)
			pair.confidence = wrongConfidence(r)
			pair.box = fr.place(s.box)
			return pair
		}
	}
	return pair // not found: null value, confidence 0, no box
}

// form is how this extractor writes a correct reading.
func (fr fieldReader) form(s *spec) string {
	if fr.normalises {
		return s.truth
	}
	return s.printed
}

func (fr fieldReader) neighbourValue(s *spec) string {
	if s == nil {
		return ""
	}
	return fr.form(s)
}

func (fr *fieldReader) place(b client.BoundingBox) *client.BoundingBox {
	b.Width, b.Height = round3(b.Width), round3(b.Height)
	b.Left = round3(min(max(b.Left+fr.dx, 0), 1-b.Width))
	b.Top = round3(min(max(b.Top+fr.dy, 0), 1-b.Height))
	fr.boxes = append(fr.boxes, b)
	return &fr.boxes[len(fr.boxes)-1]
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func confidence(x float64) float64 { return math.Round(min(x, 0.99)*100) / 100 }

func rightConfidence(r *rng) float64 {
	switch u := r.float(); {
	case u < 0.85:
		return confidence(r.floatBetween(0.88, 1))
	case u < 0.97:
		return confidence(r.floatBetween(0.7, 0.88))
	default:
		return confidence(r.floatBetween(0.45, 0.7))
	}
}

func wrongConfidence(r *rng) float64 {
	if r.chance(0.12) { // confidently wrong: the dangerous ones
		return confidence(r.floatBetween(0.86, 0.97))
	}
	return confidence(r.floatBetween(0.15, 0.65))
}

// misread returns a plausible wrong reading of value, or false when none of
// the mistakes for its type changes its meaning.
func misread(r *rng, s *spec, value, neighbour string) (string, bool) {
	mistakes := mistakesFor(s)
	for range 3 {
		wrong := mistakes[r.intn(len(mistakes))](r, value, neighbour)
		if wrong != "" && !valuesMatch(s.typ, wrong, s.truth) {
			return wrong, true
		}
	}
	return "", false
}

type mistake func(r *rng, value, neighbour string) string

// The mistakes each kind of value suffers. A neighbour's value stands for
// "read from the adjacent box"; a day-first date for "the wrong format".
var (
	amountMistakes     = []mistake{transposeDigits, dropDigit, confuseDigits, readNeighbour}
	numberMistakes     = []mistake{transposeDigits, dropDigit, readNeighbour}
	dateMistakes       = []mistake{dayMonthSwapped, confuseDigits, readNeighbour}
	currencyMistakes   = []mistake{guessCurrency}
	booleanMistakes    = []mistake{flipBoolean}
	addressMistakes    = []mistake{confuseLetters, dropCharacter, dropLastPart, readNeighbour}
	identifierMistakes = []mistake{confuseGlyphs, transposeDigits, dropCharacter}
	textMistakes       = []mistake{confuseLetters, dropCharacter, readNeighbour}
)

func mistakesFor(s *spec) []mistake {
	switch s.typ {
	case "amount":
		return amountMistakes
	case "number":
		return numberMistakes
	case "date":
		return dateMistakes
	case "currency":
		return currencyMistakes
	case "boolean":
		return booleanMistakes
	case "address":
		return addressMistakes
	}
	if isIdentifier(s.truth) {
		return identifierMistakes
	}
	return textMistakes
}

func readNeighbour(_ *rng, _, neighbour string) string { return neighbour }

// transposeDigits swaps two adjacent, different digits: 1230 -> 1320.
func transposeDigits(r *rng, value, _ string) string {
	var at []int
	for i := 0; i+1 < len(value); i++ {
		if isDigit(value[i]) && isDigit(value[i+1]) && value[i] != value[i+1] {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return ""
	}
	i := at[r.intn(len(at))]
	b := []byte(value)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}

// dropDigit loses one digit: 1230.00 -> 130.00.
func dropDigit(r *rng, value, _ string) string {
	var at []int
	for i := range len(value) {
		if isDigit(value[i]) {
			at = append(at, i)
		}
	}
	if len(at) < 2 {
		return ""
	}
	i := at[r.intn(len(at))]
	return value[:i] + value[i+1:]
}

// confuseDigits reads a digit as a similar-looking one: 8 as 3, 6 as 5.
func confuseDigits(r *rng, value, _ string) string { return swapOne(r, value, &digitLookalikes) }

// confuseGlyphs swaps letters and digits that OCR mixes up: O/0, l/1, S/5, B/8.
func confuseGlyphs(r *rng, value, _ string) string { return swapOne(r, value, &glyphLookalikes) }

// confuseLetters makes the letter-shape mistakes of OCR on running text.
func confuseLetters(r *rng, value, _ string) string { return swapOne(r, value, &letterLookalikes) }

// lookalikes maps a byte to what OCR may read instead; "" means none.
type lookalikes [256]string

var digitLookalikes, glyphLookalikes, letterLookalikes lookalikes

func init() {
	for from, to := range map[byte]string{'8': "3", '3': "8", '6': "5", '5': "6", '1': "7", '7': "1", '0': "8"} {
		digitLookalikes[from] = to
	}
	for from, to := range map[byte]string{'0': "O", 'O': "0", '1': "l", 'l': "1", 'I': "1", '5': "S", 'S': "5", '8': "B", 'B': "8", '2': "Z"} {
		glyphLookalikes[from] = to
	}
	for from, to := range map[byte]string{'m': "rn", 'l': "1", 'e': "c", 'o': "0", 'h': "b", 'i': "l", 'u': "v"} {
		letterLookalikes[from] = to
	}
}

// swapOne replaces one byte that has a look-alike with it.
func swapOne(r *rng, value string, lookalike *lookalikes) string {
	var at []int
	for i := range len(value) {
		if lookalike[value[i]] != "" {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return ""
	}
	i := at[r.intn(len(at))]
	return value[:i] + lookalike[value[i]] + value[i+1:]
}

// dropCharacter loses one character anywhere.
func dropCharacter(r *rng, value, _ string) string {
	n := utf8.RuneCountInString(value)
	if n < 3 {
		return ""
	}
	skip := r.intn(n)
	var b strings.Builder
	i := 0
	for _, c := range value {
		if i != skip {
			b.WriteRune(c)
		}
		i++
	}
	return b.String()
}

// dropLastPart loses an address's last line, as when a box is cut short.
func dropLastPart(_ *rng, value, _ string) string {
	i := strings.LastIndex(value, ", ")
	if i < 0 {
		return ""
	}
	return value[:i]
}

// dayMonthSwapped writes the date day first with slashes, which reads
// month first: 2026-04-12 becomes 12/04/2026, that is 4 December.
func dayMonthSwapped(_ *rng, value, _ string) string {
	t, ok := match.ParseDate(value)
	if !ok {
		return ""
	}
	return t.Format("02/01/2006")
}

// guessCurrency is the model guessing from a "$" or a country: a CAD
// invoice read as USD.
func guessCurrency(r *rng, _, _ string) string { return pick(r, currencyGuesses) }

var currencyGuesses = []string{"USD", "EUR", "GBP", "CAD", "AUD", "$"}

func flipBoolean(_ *rng, value, _ string) string {
	if b, ok := match.ParseBool(value); ok {
		if b {
			return "false"
		}
		return "true"
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
