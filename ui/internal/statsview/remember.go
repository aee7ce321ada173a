package statsview

import (
	"encoding/json"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/ui/internal/common"
)

// The stats view remembers its mode and what-if threshold in the store
// (common.Catalog's SavedState): the next session's stats open where this
// one's were left.

// statsStateKey names the stats view's state in the store.
const statsStateKey = "ui.stats"

// savedStats is the state as stored: the mode by name, so a reordering of
// the modes does not reopen another one.
type savedStats struct {
	Mode      string  `json:"mode"`
	Threshold float64 `json:"threshold"`
}

func (s *statsModel) remembered() savedStats {
	return savedStats{Mode: s.mode.String(), Threshold: s.threshold}
}

// restore takes in the last session's state, where the store kept one.
func (s *statsModel) restore() {
	cat := s.c.Opts.Catalog
	if cat == nil {
		return
	}
	raw, ok := cat.SavedState(statsStateKey)
	var v savedStats
	if !ok || json.Unmarshal([]byte(raw), &v) != nil {
		return
	}
	for m := range statsModeCount {
		if m.String() == v.Mode {
			s.mode = m
		}
	}
	if _, err := parseThreshold(fixed(v.Threshold)); err == nil {
		s.threshold = v.Threshold
	}
}

// saveIfChanged keeps the state when a key changed it since before.
func (s *statsModel) saveIfChanged(before savedStats) tea.Cmd {
	now := s.remembered()
	if now == before || s.c.Opts.Catalog == nil {
		return nil
	}
	raw, err := json.Marshal(now)
	if err != nil {
		return nil
	}
	return common.SaveStateCmd(s.c.Ctx, s.c.Opts.Catalog, statsStateKey, string(raw))
}
