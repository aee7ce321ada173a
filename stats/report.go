package stats

import "github.com/dxdash/dxdash/client"

// Report is every figure over one set of datasets: what the stats view
// shows and what the benchmark measures.
type Report struct {
	Datasets         int // reviewed datasets observed
	Observations     []Observation
	Overall          Figures
	Fields           []FieldFigures
	ByCustomer       Groups
	ByType           Groups
	Calibration      Calibration
	FieldCalibration []FieldCalibration
	WhatIf           WhatIf
	FieldWhatIf      []FieldWhatIf
	ConfidentlyWrong []Observation
	// InvalidScores counts the fields left out for a score outside 0–1
	// (the confidences outside it are counted by Calibration and WhatIf).
	InvalidScores int
}

// Compute builds the whole report: high is the confidently-wrong
// threshold, t the what-if threshold.
func Compute(datasets []client.Dataset, high, t float64) Report {
	obs, invalid := ObserveCounting(datasets, high)
	r := Report{
		InvalidScores:    invalid,
		Observations:     obs,
		Overall:          Overall(obs),
		Fields:           ByField(obs),
		ByCustomer:       GroupBy(datasets, obs, ByCustomer),
		ByType:           GroupBy(datasets, obs, ByType),
		Calibration:      Calibrate(obs),
		FieldCalibration: CalibrateByField(obs),
		WhatIf:           WhatIfAt(obs, t),
		FieldWhatIf:      WhatIfByField(obs, t),
		ConfidentlyWrong: ConfidentlyWrong(obs),
	}
	for i := range datasets {
		if Reviewed(&datasets[i]) {
			r.Datasets++
		}
	}
	return r
}
