package review

import (
	"math"
	"testing"

	"github.com/dxdash/dxdash/config"
)

// below is the largest float64 under x: a confidence a hair under a
// threshold.
func below(x float64) float64 { return math.Nextafter(x, math.Inf(-1)) }

// Every threshold is "at or above": a confidence exactly on one belongs to
// the level above it, and one a hair under to the level below.
func TestLevelOnEachThreshold(t *testing.T) {
	th := DefaultThresholds
	for _, tc := range []struct {
		c    float64
		want Level
	}{
		{0, LevelLow},
		{below(0.5), LevelLow},
		{0.5, LevelMedium}, // on Low: medium, not low
		{below(0.8), LevelMedium},
		{0.8, LevelGood}, // on Medium: good, not medium
		{below(0.9), LevelGood},
		{0.9, LevelGood},
		{1, LevelGood},
		{math.NaN(), LevelLow}, // unreadable: worth a look
		{-0.1, LevelLow},
	} {
		if got := th.Level(tc.c); got != tc.want {
			t.Errorf("Level(%v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestConfidentOnHigh(t *testing.T) {
	th := DefaultThresholds
	for _, tc := range []struct {
		c    float64
		want bool
	}{
		{below(0.9), false},
		{0.9, true}, // on High: confident
		{1, true},
		{math.NaN(), false},
	} {
		if got := th.Confident(tc.c); got != tc.want {
			t.Errorf("Confident(%v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestConfidentlyWrong(t *testing.T) {
	th := Thresholds{Low: 0.3, Medium: 0.6, High: 0.75}
	for _, tc := range []struct {
		name         string
		inExtraction bool
		v            Verdict
		c            float64
		want         bool
	}{
		{"wrong, exactly on High", true, Wrong, 0.75, true},
		{"wrong, a hair under High", true, Wrong, below(0.75), false},
		{"near miss on High", true, NearMiss, 0.75, true},
		{"spurious on High", true, Spurious, 0.75, true},
		{"missing on High: the extractor was sure there is nothing", true, Missing, 0.75, true},
		{"a match is never wrong", true, Match, 1, false},
		{"not scored: nothing to be wrong about", true, NotReviewed, 1, false},
		{"only in the ground truth: no confidence", false, Missing, 0.75, false},
	} {
		if got := th.ConfidentlyWrong(tc.inExtraction, tc.v, tc.c); got != tc.want {
			t.Errorf("%s: ConfidentlyWrong = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The defaults are written three times (config, ui, here) until ui takes
// review's; config's must be these.
func TestDefaultThresholdsAreConfigs(t *testing.T) {
	if got := Thresholds(config.Defaults().Thresholds); got != DefaultThresholds {
		t.Errorf("config's default thresholds %+v, review's %+v", got, DefaultThresholds)
	}
}
