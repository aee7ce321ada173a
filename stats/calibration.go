package stats

import (
	"cmp"
	"math"
	"slices"
)

// BinCount is the number of equal-width confidence bins.
const BinCount = 10

// Bin is one confidence bin: [Lo, Hi), the last one [0.9, 1.0].
type Bin struct {
	Lo, Hi   float64
	Count    int
	MeanConf float64 // mean confidence of the fields in the bin
	Accuracy float64 // share of them scoring 1
	Gap      float64 // Accuracy − MeanConf: negative means over-confident
}

// Calibration says how well confidence predicts correctness, over the
// observations whose confidence is a prediction (Observation.Predicted: a
// value extracted, a confidence in 0–1). A field is correct when it scores
// 1. The rest are counted beside: Missing, nothing extracted (in the
// extraction with a null value, or only in the ground truth); Invalid, a
// confidence outside 0–1.
type Calibration struct {
	N       int
	Missing int
	Invalid int
	Bins    [BinCount]Bin
	// ECE is the expected calibration error, Σ |B|/N · |acc(B) − conf(B)|;
	// MCE the largest |acc(B) − conf(B)| over non-empty bins; Brier the
	// mean of (confidence − correct)², correct being 1 or 0.
	ECE, MCE, Brier float64
}

// Calibrate computes the calibration of the observations.
func Calibrate(obs []Observation) Calibration {
	var c calibrator
	for i := range obs {
		c.add(&obs[i])
	}
	return c.finish()
}

// FieldCalibration is one field name's calibration.
type FieldCalibration struct {
	Field string
	Calibration
}

// CalibrateByField calibrates each field name on its own, worst ECE first.
func CalibrateByField(obs []Observation) []FieldCalibration {
	at := make(map[string]int)
	var cs []calibrator
	var names []string
	for i := range obs {
		o := &obs[i]
		j, ok := at[o.Field]
		if !ok {
			j = len(cs)
			at[o.Field] = j
			cs = append(cs, calibrator{})
			names = append(names, o.Field)
		}
		cs[j].add(o)
	}
	out := make([]FieldCalibration, 0, len(cs))
	for j := range cs {
		if cs[j].n == 0 {
			continue // nothing extracted under this name: nothing to calibrate
		}
		out = append(out, FieldCalibration{Field: names[j], Calibration: cs[j].finish()})
	}
	slices.SortFunc(out, func(a, b FieldCalibration) int {
		return cmp.Or(cmp.Compare(b.ECE, a.ECE), cmp.Compare(a.Field, b.Field))
	})
	return out
}

type calibrator struct {
	n       int
	missing int
	invalid int
	count   [BinCount]int
	conf    [BinCount]float64
	correct [BinCount]int
	brier   float64
}

func (c *calibrator) add(o *Observation) {
	switch {
	case !o.HasValue:
		c.missing++
		return
	case !o.Predicted():
		if o.InvalidConfidence {
			c.invalid++
		}
		return
	}
	b := binOf(o.Confidence)
	c.n++
	c.count[b]++
	c.conf[b] += o.Confidence
	y := 0.0
	if o.Correct() {
		c.correct[b]++
		y = 1
	}
	c.brier += (o.Confidence - y) * (o.Confidence - y)
}

func (c *calibrator) finish() Calibration {
	out := Calibration{N: c.n, Missing: c.missing, Invalid: c.invalid}
	for b := range BinCount {
		bin := Bin{Lo: float64(b) / BinCount, Hi: float64(b+1) / BinCount, Count: c.count[b]}
		if bin.Count > 0 {
			n := float64(bin.Count)
			bin.MeanConf = c.conf[b] / n
			bin.Accuracy = float64(c.correct[b]) / n
			bin.Gap = bin.Accuracy - bin.MeanConf
			gap := math.Abs(bin.Gap)
			out.ECE += n / float64(c.n) * gap
			out.MCE = max(out.MCE, gap)
		}
		out.Bins[b] = bin
	}
	if c.n > 0 {
		out.Brier = c.brier / float64(c.n)
	}
	return out
}

// binOf is the bin of a confidence: b/10 ≤ c < (b+1)/10, with 1.0 (and
// anything above, or below 0, or NaN) clamped into the end bins. The small
// tolerance keeps 0.3 in bin 3 although 0.3·10 is not exactly 3 in floating
// point on every path.
func binOf(c float64) int {
	if !(c > 0) {
		return 0
	}
	b := int(math.Floor(c*BinCount + 1e-9))
	return min(b, BinCount-1)
}
