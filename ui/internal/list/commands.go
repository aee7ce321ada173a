package list

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// What the command palette does to a list: its commands arrive as a
// common.CommandMsg once the palette has closed, and it completes from
// the list's values.

// sortNames name the list's orders for :sort.

// PaletteValues are what the palette completes from: the ids, customers
// and types of the rows loaded, and the sort orders.
func (l *listModel) PaletteValues() common.PaletteValues {
	seen := l.seen()
	v := common.PaletteValues{Customers: seen.Customers(), Types: seen.Types(), Sorts: sortCompletions()}
	for pos := range l.store.len() {
		v.IDs = append(v.IDs, l.store.at(pos).ID)
	}
	return v
}

// command carries out a palette command.
func (l *listModel) command(c common.Command) tea.Cmd {
	if f, ok := filtersFor(c, l.filters); ok {
		return l.applyFilters(f)
	}
	switch c.Name {
	case "sort":
		mode, ok := sortByName(c.Arg)
		if !ok {
			l.flash = fmt.Sprintf("%s no sort %q: a column (%s), then asc or desc", common.GlyphMismatch, c.Arg, strings.Join(sortNameList(), ", "))
			return nil
		}
		l.sortBy(mode)
		return tea.Batch(l.afterMove(), l.saveView())
	case "export":
		return l.export()
	}
	return nil
}

// filtersFor is the filters a filter command leaves, from current; false
// for a command that is not about filters.
func filtersFor(c common.Command, current common.Filters) (common.Filters, bool) {
	f := current
	switch c.Name {
	case "customer":
		f.CustomerID = c.Arg
	case "type":
		f.DatasetType = c.Arg
	case "verified":
		f.IsVerified = nil
		if v, err := strconv.ParseBool(c.Arg); err == nil {
			f.IsVerified = &v
		}
	case "clear":
		f = common.Filters{}
	default:
		return current, false
	}
	return f, true
}

// listExportedMsg is the answer to :export.
type listExportedMsg struct {
	owner int
	path  string
	rows  int
	err   error
}

// export writes the loaded rows, in the order shown, to a CSV file in the
// working directory (else the temporary one); the footer says where.
func (l *listModel) export() tea.Cmd {
	records := [][]string{{"id", "document_name", "dataset_type", "customer_id", "status", "is_verified", "overall_accuracy", "min_confidence", "created_at"}}
	for pos := range l.store.len() {
		r := l.store.at(pos)
		optional := func(v float64, has bool) string {
			if !has {
				return ""
			}
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
		records = append(records, []string{
			r.ID, r.Name, r.DocType, r.Customer, r.Status, strconv.FormatBool(r.Has(common.IsVerified)),
			optional(r.Accuracy, r.Has(common.HasAccuracy)), optional(r.MinConf, r.Has(common.HasMinConf)),
			time.Unix(0, r.Created).UTC().Format(time.RFC3339),
		})
	}
	name := fmt.Sprintf("dxdash-list-%s.csv", l.c.Now().UTC().Format("20060102-150405"))
	dirs := []string{".", os.TempDir()}
	owner := l.id
	l.flash = "exporting…"
	return func() tea.Msg {
		path, err := common.WriteCSV(dirs, name, records)
		return listExportedMsg{owner: owner, path: path, rows: len(records) - 1, err: err}
	}
}

func (l *listModel) onExported(msg listExportedMsg) {
	if msg.err != nil {
		l.flash = common.GlyphMismatch + " export failed: " + msg.err.Error()
		return
	}
	l.flash = fmt.Sprintf("wrote %s to %s", strconv.Itoa(msg.rows)+" "+common.Plural(msg.rows, "row", "rows"), msg.path)
}
