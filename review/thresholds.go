package review

// Thresholds split a confidence (0–1) into levels: below Low is low, from
// Low to below Medium is medium, from Medium on is good. High is where a
// field stops being merely unsure: one that does not match its ground truth
// with a confidence at or above High is "confidently wrong". Low <= Medium
// <= High (config validates it).
//
// Every comparison is "at or above" the threshold, so a confidence exactly
// on one counts with the level above it: 0.5 is medium, not low, at the
// default Low of 0.5; 0.9 is confident at the default High of 0.9.
type Thresholds struct {
	Low    float64
	Medium float64
	High   float64
}

// DefaultThresholds are the documented defaults (config.example.toml's
// [thresholds]).
var DefaultThresholds = Thresholds{Low: 0.5, Medium: 0.8, High: 0.9}

// Level is a confidence level.
type Level uint8

const (
	LevelNone   Level = iota // not in the extraction: no confidence to judge
	LevelLow                 // below Low
	LevelMedium              // from Low to below Medium
	LevelGood                // Medium or more
)

func (l Level) String() string {
	switch l {
	case LevelLow:
		return "low"
	case LevelMedium:
		return "medium"
	case LevelGood:
		return "good"
	}
	return "none"
}

// Level is confidence c's level. Nonsense (NaN) is low: a confidence that
// cannot be read deserves a look.
func (t Thresholds) Level(c float64) Level {
	switch {
	case !(c >= t.Low):
		return LevelLow
	case c < t.Medium:
		return LevelMedium
	}
	return LevelGood
}

// Confident reports a confidence at or above High (NaN is not).
func (t Thresholds) Confident(c float64) bool { return c >= t.High }

// ConfidentlyWrong is the rule for a field that is wrong despite a high
// confidence: the extraction has it (so the confidence is the extractor's),
// the server scored it short of a match, and the confidence is at or above
// High.
func (t Thresholds) ConfidentlyWrong(inExtraction bool, v Verdict, confidence float64) bool {
	return inExtraction && v != Match && v != NotReviewed && t.Confident(confidence)
}
