package statsview

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// e writes the table on screen to a CSV file named for it, in the working
// directory or, when that is not writable, the temporary directory; the
// feedback line says where. The file holds raw values (see statsTable),
// not the screen's text. The writing runs in a command: Update does no I/O.

type statsExportedMsg struct {
	owner int
	path  string
	rows  int
	err   error
}

func (s *statsModel) export() tea.Cmd {
	if len(s.table.rows) == 0 {
		s.flash = "nothing to export"
		return nil
	}
	records := s.table.records()
	name := fmt.Sprintf("dxdash-stats-%s-%s.csv", s.table.name, s.c.Now().UTC().Format("20060102-150405"))
	dirs := []string{".", os.TempDir()}
	if s.exportDir != "" {
		dirs = []string{s.exportDir}
	}
	owner := s.id
	s.flash = "exporting…"
	return func() tea.Msg {
		path, err := common.WriteCSV(dirs, name, records)
		return statsExportedMsg{owner: owner, path: path, rows: len(records) - 1, err: err}
	}
}

func (s *statsModel) onExported(msg statsExportedMsg) {
	if msg.err != nil {
		s.flash = common.GlyphMismatch + " export failed: " + msg.err.Error()
		return
	}
	s.flash = fmt.Sprintf("wrote %s to %s", counted(msg.rows, "row", "rows"), msg.path)
}
