package statsview

import (
	"fmt"

	"github.com/dxdash/dxdash/stats"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The checks mode: per consistency check, over the verified datasets in
// hand, how often it ran and fired, and how well a failure predicts a
// wrong field: precision (failures that read a wrong field), recall (the
// wrong fields it read that a failure caught), false alarms (results over
// right fields that failed) and the confidently wrong fields it caught,
// the ones a confidence threshold would have auto-accepted. The profile
// is the one the list and the detail check against.

func (s *statsModel) checksTable() statsTable {
	st := s.c.Styles
	rep := stats.ComputeChecks(s.data, s.c.ChecksProfile(), s.c.Opts.Thresholds)
	any := rep.Any
	rec, okRec := any.Recall()
	fa, okFA := any.FalseAlarmRate()
	headline := "no check could run on these datasets"
	if okRec && okFA {
		headline = fmt.Sprintf("any failed check: %s of the wrong fields read caught, %s false alarms, %d confidently wrong caught",
			common.Percent(rec), common.Percent(fa), any.ConfidentCaught)
	}
	t := statsTable{
		name:  "checks",
		above: []string{" " + headline + st.Dim.Render(fmt.Sprintf(" · over %s", counted(rep.Reviewed, "verified dataset", "verified datasets")))},
		columns: []statsColumn{
			{title: "CHECK", key: "check", width: 28, flex: true, most: 32, least: 12},
			{title: "NAME", key: "check_name", exportOnly: true},
			{title: "RAN", key: "checked_count", width: 5, right: true},
			{title: "FIRED", key: "fired_count", width: 5, right: true},
			{title: "FIRES", key: "fire_fraction", width: 6, right: true, optional: true},
			{title: "PRECISION", key: "precision_fraction", width: 9, right: true},
			{title: "RECALL", key: "recall_fraction", width: 6, right: true},
			{title: "CAUGHT", key: "caught_of_wrong", width: 8, right: true, optional: true},
			{title: "FALSE AL.", key: "false_alarm_fraction", width: 9, right: true},
			{title: "CONF ✗ CAUGHT", key: "confidently_wrong_caught_count", width: 13, right: true},
		},
		below: []string{" " + st.Dim.Render("precision: failures that read a wrong field · recall: wrong fields read that a failure caught · "+
			"false al.: failures among results over right fields · conf ✗: caught with confidence ≥ "+fixed(s.c.Opts.Thresholds.High)+", which confidence alone would accept")},
	}
	for _, f := range rep.Checks {
		t.rows = append(t.rows, checkRow(f.Check.Title(), f.Check.String(), f))
	}
	t.rows = append(t.rows, checkRow("any check", "any", any))
	return t
}

func checkRow(title, name string, f stats.CheckFigures) statsRow {
	ratio := func(v float64, ok bool) statsCell {
		if !ok {
			return valueCell(common.GlyphNone, "")
		}
		return fractionCell(v)
	}
	fires, okFires := f.FireRate()
	prec, okPrec := f.Precision()
	rec, okRec := f.Recall()
	fa, okFA := f.FalseAlarmRate()
	return statsRow{dim: f.Checked == 0, cells: []statsCell{
		textCell(title), exportCell(name), textCell(count(f.Checked)), textCell(count(f.Fired)), ratio(fires, okFires),
		ratio(prec, okPrec), ratio(rec, okRec), valueCell(fmt.Sprintf("%d/%d", f.Caught, f.WrongFields), fmt.Sprintf("%d/%d", f.Caught, f.WrongFields)),
		ratio(fa, okFA), confWrongCell(f.ConfidentCaught),
	}}
}
