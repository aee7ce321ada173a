package list

import (
	"slices"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// An invalid figure sorts with the absent ones: it is no figure.
func validAccuracy(r *common.Row) bool {
	return r.Has(common.HasAccuracy) && !r.Has(common.BadAccuracy)
}

func validMinConf(r *common.Row) bool { return r.Has(common.HasMinConf) && !r.Has(common.BadMinConf) }

// compareOptional sorts ascending with absent values last.
func compareOptional(a, b float64, hasA, hasB bool) int {
	switch {
	case hasA != hasB:
		if hasA {
			return -1
		}
		return 1
	case !hasA:
		return 0
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rowStore holds the loaded rows of one list and their display order.
type rowStore struct {
	rows  []common.Row     // arrival order; an index names a row until reset
	byID  map[string]int32 // id → index in rows
	order []int32          // display order: indices into rows
	sort  sortMode
	// marked are the ids the sync found new or changed since the last
	// session: kept across reloads, so the mark lasts the session.
	marked map[string]bool
	// versions numbers row contents across resets, so a rendering cached
	// for an id is never mistaken for the rendering of newer data.
	versions uint32
	// fromDetail keeps, across resets, the rows whose MIN CONF was
	// computed from a detail: a reload's list items give way to them while
	// the dataset is unchanged (common.Row.KeepDetailFigures). One entry
	// per dataset opened or polled.
	fromDetail map[string]common.Row
	// checks tells a dataset's failed checks once its detail is at hand
	// (nil: never known).
	checks func(id string) (int, bool)
}

func newRowStore() rowStore {
	return rowStore{byID: make(map[string]int32), sort: sortNewest}
}

// newRow is a row for d with its checks, when known.
func (s *rowStore) newRow(d client.Dataset) common.Row {
	r := common.NewRow(d)
	if s.checks != nil {
		r.SetChecks(s.checks(d.ID))
	}
	return r
}

// refreshChecks takes in the checks known now: for the dataset with id,
// or for every row when all is set (the checks' profile was rebuilt).
func (s *rowStore) refreshChecks(id string, all bool) {
	if s.checks == nil {
		return
	}
	one := func(idx int32) {
		fresh := s.rows[idx]
		fresh.SetChecks(s.checks(fresh.ID))
		s.replace(idx, fresh)
	}
	if !all {
		if idx, ok := s.byID[id]; ok {
			one(idx)
		}
		return
	}
	for idx := range s.rows {
		one(int32(idx))
	}
}

func (s *rowStore) len() int { return len(s.order) }

// at returns the row shown at display position pos.
func (s *rowStore) at(pos int) *common.Row { return &s.rows[s.order[pos]] }

// position returns where the row with id is shown.
func (s *rowStore) position(id string) (int, bool) {
	idx, ok := s.byID[id]
	if !ok {
		return 0, false
	}
	return slices.Index(s.order, idx), true
}

func (s *rowStore) reset() {
	s.rows = s.rows[:0]
	s.order = s.order[:0]
	clear(s.byID)
}

func (s *rowStore) cmp(a, b int32) int {
	return s.sort.compare(&s.rows[a], &s.rows[b], a, b)
}

// upsert adds the datasets not yet loaded and updates the ones that are
// (a listing restarted after an expired cursor sends rows again). It
// returns how many were new.
func (s *rowStore) upsert(data []client.Dataset) int {
	fresh := make([]int32, 0, len(data))
	for _, d := range data {
		if idx, ok := s.byID[d.ID]; ok {
			s.replace(idx, s.newRow(d))
			continue
		}
		idx := int32(len(s.rows))
		r := s.newRow(d)
		if old, ok := s.fromDetail[d.ID]; ok {
			r = r.KeepDetailFigures(old)
		}
		if s.marked[d.ID] {
			r.Mark()
		}
		s.versions++
		r.Version = s.versions
		s.rows = append(s.rows, r)
		s.byID[d.ID] = idx
		fresh = append(fresh, idx)
	}
	s.mergeIntoOrder(fresh)
	return len(fresh)
}

// upsertMarked is upsert, marking the rows whose id is in marked.
func (s *rowStore) upsertMarked(data []client.Dataset, marked map[string]bool) {
	if len(marked) > 0 && s.marked == nil {
		s.marked = make(map[string]bool, len(marked))
	}
	for id := range marked {
		s.marked[id] = true
	}
	s.upsert(data)
	for id := range marked {
		if idx, ok := s.byID[id]; ok && !s.rows[idx].Has(common.Changed) {
			s.rows[idx].Mark()
			s.versions++
			s.rows[idx].Version = s.versions
		}
	}
}

// update applies a newer version of one dataset, if it is loaded.
func (s *rowStore) update(d client.Dataset) bool {
	idx, ok := s.byID[d.ID]
	if ok {
		s.replace(idx, s.newRow(d))
	}
	return ok
}

// replace swaps in fresh data for a loaded row, bumping its version when
// anything changed and moving it when its sort key changed.
func (s *rowStore) replace(idx int32, fresh common.Row) {
	old := s.rows[idx]
	fresh = fresh.KeepDetailFigures(old)
	if fresh.Has(common.FromDetail) {
		if s.fromDetail == nil {
			s.fromDetail = make(map[string]common.Row)
		}
		s.fromDetail[fresh.ID] = fresh
	}
	fresh.Version = old.Version
	if old.Has(common.Changed) {
		fresh.Mark() // marked for the session, whatever arrives since
	}
	if fresh == old {
		return
	}
	s.versions++
	fresh.Version = s.versions
	s.rows[idx] = fresh
	if s.sort.compareKeys(&old, &fresh) == 0 {
		return
	}
	s.order = slices.DeleteFunc(s.order, func(i int32) bool { return i == idx })
	at, _ := slices.BinarySearchFunc(s.order, idx, s.cmp)
	s.order = slices.Insert(s.order, at, idx)
}

// mergeIntoOrder places new rows in the display order. Pages usually
// arrive already in order (newest first), so the common case is an append.
func (s *rowStore) mergeIntoOrder(fresh []int32) {
	if len(fresh) == 0 {
		return
	}
	slices.SortFunc(fresh, s.cmp)
	if len(s.order) == 0 || s.cmp(s.order[len(s.order)-1], fresh[0]) < 0 {
		s.order = append(s.order, fresh...)
		return
	}
	merged := make([]int32, 0, len(s.order)+len(fresh))
	i, j := 0, 0
	for i < len(s.order) && j < len(fresh) {
		if s.cmp(s.order[i], fresh[j]) < 0 {
			merged = append(merged, s.order[i])
			i++
		} else {
			merged = append(merged, fresh[j])
			j++
		}
	}
	merged = append(merged, s.order[i:]...)
	s.order = append(merged, fresh[j:]...)
}

func (s *rowStore) setSort(m sortMode) {
	s.sort = m
	slices.SortFunc(s.order, s.cmp)
}
