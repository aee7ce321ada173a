package fakeapi

import (
	"unicode"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
	"github.com/dxdash/dxdash/review"
)

// Scoring as api-reference Part 2 defines it. Both the corpus (to fill in
// accuracy) and anyone checking it (tests, other packages) use these, so the
// numbers the API reports are computed, never invented. What counts as the
// same value (folding, dates, amounts, booleans) is package match's
// contract reading, shared with the dashboard's explainer; identifiers,
// partial credit for free text and currency codes stay the scorer's own.

// ScoreField scores one extracted value against its ground truth, from 0.0
// to 1.0:
//   - nothing extracted, or nothing to compare with, is 0.0 (both null is 1.0);
//   - values equal after folding case and white space are 1.0;
//   - dates compare as dates whatever their format ("12.04.2026",
//     "Apr 12, 2026" and "2026-04-12" match; slashes read month first),
//     amounts and numbers as numbers ("1,234.50" matches "1234.5"), booleans
//     as booleans, currencies as codes;
//   - identifiers (a "string" with a digit and no space, such as
//     "INV-2026-0412") must match exactly: a near miss is still the wrong
//     invoice;
//   - other free text (names, descriptions, addresses) earns the normalised
//     Levenshtein similarity, 1 - distance / length of the longer.
//
// Unknown types score as "string".
func ScoreField(typ string, extracted, truth client.Value) float64 {
	switch {
	case extracted.IsNull() && truth.IsNull():
		return 1
	case extracted.IsNull() || truth.IsNull():
		return 0
	}
	got, want := extracted.String(), truth.String()
	if valuesMatch(typ, got, want) {
		return 1
	}
	if isFreeText(typ, want) {
		return similarity(match.Fold(got), match.Fold(want))
	}
	return 0
}

// valuesMatch reports whether two non-null values score 1.0.
func valuesMatch(typ, got, want string) bool {
	if got == want {
		return true
	}
	got, want = match.Fold(got), match.Fold(want)
	if got == want {
		return true
	}
	switch typ {
	case "date":
		return parsedEqual(got, want, match.ParseDate)
	case "amount", "number":
		return parsedEqual(got, want, match.ParseAmount)
	case "boolean":
		return parsedEqual(got, want, match.ParseBool)
	case "currency":
		return parsedEqual(got, want, parseCurrency)
	}
	return false
}

// isFreeText tells the values that earn partial credit: addresses, and
// strings that are not identifiers.
func isFreeText(typ, truth string) bool {
	switch typ {
	case "address":
		return true
	case "date", "amount", "number", "boolean", "currency":
		return false
	}
	return !isIdentifier(truth)
}

// ScoreExtraction computes a dataset's accuracy: a score for every field
// name found in fields, line items ("line_items[<index>].<name>") or ground
// truth, and their mean. The fields are paired with their ground truth as
// package review joins them, so a name given twice, in the extraction or in
// the ground truth, is scored once, by its first occurrence. It returns nil
// when there is no ground truth, which means "not reviewed", never 0 %.
func ScoreExtraction(fields []client.Field, lineItems []client.LineItem, truth []client.GroundTruth) *client.Accuracy {
	if len(truth) == 0 {
		return nil
	}
	// No accuracy yet, so every verdict is NotReviewed: only the pairing
	// is wanted, and the thresholds do not matter.
	ds := client.Dataset{Fields: fields, LineItems: lineItems, GroundTruth: truth}
	joined := review.Join(&ds, review.DefaultThresholds)
	scores := make(map[string]float64, len(joined))
	var sum float64
	for i := range joined {
		f := &joined[i]
		// A field only in the ground truth was reviewed but never
		// extracted: its Value is null and its Type "string".
		s := ScoreField(f.Type, f.Value, f.Truth)
		scores[f.Key] = s
		sum += s
	}
	overall := sum / float64(len(scores))
	return &client.Accuracy{OverallAccuracy: &overall, FieldScores: scores}
}

func parsedEqual[T comparable](got, want string, parse func(string) (T, bool)) bool {
	g, okGot := parse(got)
	w, okWant := parse(want)
	return okGot && okWant && g == w
}

// isIdentifier tells document numbers, tax ids and the like from free text.
func isIdentifier(s string) bool {
	hasDigit := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			return false
		}
		if r >= '0' && r <= '9' {
			hasDigit = true
		}
	}
	return hasDigit
}

// parseCurrency reads folded text as a currency code, its symbol standing
// for the one currency it names; "$" names several dollars, so it is none.
func parseCurrency(s string) (string, bool) {
	switch s {
	case "€":
		return "eur", true
	case "£":
		return "gbp", true
	case "¥":
		return "jpy", true
	}
	return s, len(s) == 3 && isLowerLetters(s)
}

func isLowerLetters(s string) bool {
	for i := range len(s) {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// similarity is 1 - Levenshtein distance / length of the longer string,
// counted in runes.
func similarity(a, b string) float64 {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	longer := max(la, lb)
	if longer == 0 {
		return 1
	}
	return 1 - float64(levenshtein([]rune(a), []rune(b)))/float64(longer)
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
