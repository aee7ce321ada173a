package detail

import (
	"fmt"
	"slices"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// The checks section: under the table, each failed consistency check with
// its working ("✗ subtotal + tax ≠ total: 1 120.00 + 112.00 = 1 232.00,
// total reads 1 320.00"). The fields a failure read carry ⚑ in the tables
// and are stops for n and N.

// maxCheckLines bounds the section: the table keeps the room.
const maxCheckLines = 4

// checksHeight is the section's height: a rule and a line per failed
// check, up to a quarter of the body; 0 with none, zoomed, or too short.
func (d *detailModel) checksHeight() int {
	if d.rv == nil || len(d.rv.failed) == 0 || d.zoomed {
		return 0
	}
	body := d.height - detailChromeLines
	h := min(len(d.rv.failed)+1, maxCheckLines+1, body/4)
	if h < 2 {
		return 0
	}
	return h
}

// checkLines draws the section in height lines. The failures that read
// the selected field (or a cell of the selected line) come first, marked
// ▸: n and N, stopping at each ⚑ field, bring every failure's working on
// screen however many there are.
func (d *detailModel) checkLines(height int) []string {
	st := d.c.Styles
	failed, ofSelected := d.failedBySelection()
	lines := []string{d.rule(fmt.Sprintf("%s %d %s failed", common.GlyphCheck, len(failed), common.Plural(len(failed), "check", "checks")))}
	room := height - 1
	shown := min(len(failed), room)
	if shown < len(failed) {
		shown-- // the last line says how many more
	}
	for i, c := range failed[:shown] {
		lead := " "
		if i < ofSelected {
			lead = "▸"
		}
		lines = append(lines, lead+st.Low.Render(common.GlyphMismatch)+" "+termtext.Truncate(c.working, max(d.width-4, 1)))
	}
	if more := len(failed) - shown; more > 0 {
		lines = append(lines, " "+st.Dim.Render(fmt.Sprintf("… %d more: dxdash export --checks has them all", more)))
	}
	return lines
}

// checksNote is the header's word on the checks: "⚑ 2 checks failed".
func (d *detailModel) checksNote() (string, bool) {
	if d.rv == nil || len(d.rv.failed) == 0 {
		return "", false
	}
	n := len(d.rv.failed)
	return fmt.Sprintf("%s %d %s failed", common.GlyphCheck, n, common.Plural(n, "check", "checks")), true
}

// failedBySelection is the failed checks, those that read the selected
// field or line first (how many: ofSelected; fewest fields read first),
// then the others in their order.
func (d *detailModel) failedBySelection() (failed []failedCheck, ofSelected int) {
	keys := map[string]bool{}
	for _, f := range d.mapInput().selected {
		keys[f.key] = true
	}
	reads := func(c failedCheck) bool {
		for _, k := range c.fields {
			if keys[k] {
				return true
			}
		}
		return false
	}
	failed = make([]failedCheck, 0, len(d.rv.failed))
	for _, c := range d.rv.failed {
		if reads(c) {
			failed = append(failed, c)
		}
	}
	// The most particular first: a line's own product before the sum of
	// every line, which reads it too.
	slices.SortStableFunc(failed, func(a, b failedCheck) int { return len(a.fields) - len(b.fields) })
	ofSelected = len(failed)
	for _, c := range d.rv.failed {
		if !reads(c) {
			failed = append(failed, c)
		}
	}
	return failed, ofSelected
}
