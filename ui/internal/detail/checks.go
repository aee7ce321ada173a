package detail

import (
	"fmt"

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

// checkLines draws the section in height lines.
func (d *detailModel) checkLines(height int) []string {
	st := d.c.Styles
	failed := d.rv.failed
	lines := []string{d.rule(fmt.Sprintf("%s %d %s failed", common.GlyphCheck, len(failed), common.Plural(len(failed), "check", "checks")))}
	room := height - 1
	shown := min(len(failed), room)
	if shown < len(failed) {
		shown-- // the last line says how many more
	}
	for _, c := range failed[:shown] {
		lines = append(lines, " "+st.Low.Render(common.GlyphMismatch)+" "+termtext.Truncate(c.working, max(d.width-4, 1)))
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
