package review

// Verdict is how a field did against its ground truth, as the server's
// score and the two values say.
type Verdict uint8

const (
	// NotReviewed: the server gave no score (the dataset is not reviewed,
	// or field_scores leaves the field out). Nothing can be said.
	NotReviewed Verdict = iota
	// Match: scored 1 (both sides null scores 1 too).
	Match
	// NearMiss: both sides have a value and the score is between 0 and 1,
	// the partial credit free text earns.
	NearMiss
	// Wrong: both sides have a value and the score is 0 (or nonsense).
	Wrong
	// Missing: nothing was extracted, and the score is below 1.
	Missing
	// Spurious: a value was extracted where the ground truth has none
	// (absent, null or empty), and the score is below 1.
	Spurious
)

func (v Verdict) String() string {
	switch v {
	case Match:
		return "match"
	case NearMiss:
		return "near miss"
	case Wrong:
		return "wrong"
	case Missing:
		return "missing"
	case Spurious:
		return "spurious"
	}
	return "not reviewed"
}

// Mismatch reports a verdict that is a problem: anything scored short of
// a match.
func (v Verdict) Mismatch() bool {
	return v != Match && v != NotReviewed
}

// Judge gives the verdict of a field. scored says field_scores has a score
// for it; hasValue that a non-null value was extracted; hasTruth that the
// ground truth has a non-null, non-empty value for it.
//
// The score decides a match; the values decide what kind of miss the rest
// are. Nothing extracted is Missing even where the truth is empty too: the
// server scored it below 1, and "nothing extracted" is what a reviewer can
// see. A NaN score is no match and no partial credit: Wrong.
func Judge(scored bool, score float64, hasValue, hasTruth bool) Verdict {
	switch {
	case !scored:
		return NotReviewed
	case score >= 1:
		return Match
	case !hasValue:
		return Missing
	case !hasTruth:
		return Spurious
	case score > 0:
		return NearMiss
	}
	return Wrong
}
