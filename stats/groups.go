package stats

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/dxdash/dxdash/client"
)

// Grouping chooses what datasets are grouped by.
type Grouping int

const (
	ByCustomer Grouping = iota // customer_id
	ByType                     // dataset_type
)

func (g Grouping) String() string {
	if g == ByType {
		return "type"
	}
	return "customer"
}

// Group is one customer's or one dataset type's figures, with its
// accuracy (the mean field score) week by week.
type Group struct {
	Key      string
	Datasets int
	Figures
	// Weekly[i] is the accuracy in week Weeks[i] of the Groups answer;
	// NaN for a week without a reviewed dataset of the group.
	Weekly []float64
}

// Groups are the groups and the weeks their series run over.
type Groups struct {
	By     Grouping
	Groups []Group // worst accuracy first, then by key
	// Weeks are the Mondays (UTC) of every week from the first reviewed
	// dataset's created_at to the last, so every group's series lines up.
	Weeks []time.Time
}

// GroupBy groups the observations of datasets (the slice Observe was
// given) by customer or type.
func GroupBy(datasets []client.Dataset, obs []Observation, by Grouping) Groups {
	out := Groups{By: by}
	if len(obs) == 0 {
		return out
	}
	// A dataset's observations are consecutive: its week is found once.
	week := make([]time.Time, len(datasets))
	first, last := weekOf(datasets[obs[0].Dataset].CreatedAt), time.Time{}
	for i := range obs {
		d := obs[i].Dataset
		if i > 0 && obs[i-1].Dataset == d {
			continue
		}
		w := weekOf(datasets[d].CreatedAt)
		week[d] = w
		if w.Before(first) {
			first = w
		}
		if w.After(last) {
			last = w
		}
	}
	for w := first; !w.After(last); w = w.AddDate(0, 0, 7) {
		out.Weeks = append(out.Weeks, w)
	}

	type acc struct {
		sum   []float64
		n     []int
		last  int // the last dataset counted, to count datasets once
		group Group
	}
	at := make(map[string]*acc)
	var order []*acc
	for i := range obs {
		o := &obs[i]
		d := &datasets[o.Dataset]
		key := d.CustomerID
		if by == ByType {
			key = d.DatasetType
		}
		a := at[key]
		if a == nil {
			a = &acc{sum: make([]float64, len(out.Weeks)), n: make([]int, len(out.Weeks)), last: -1, group: Group{Key: key}}
			at[key] = a
			order = append(order, a)
		}
		if a.last != o.Dataset {
			a.last = o.Dataset
			a.group.Datasets++
		}
		a.group.add(o)
		w := weekIndex(first, week[o.Dataset])
		a.sum[w] += o.Score
		a.n[w]++
	}
	for _, a := range order {
		g := a.group
		g.finish()
		g.Weekly = make([]float64, len(out.Weeks))
		for w := range g.Weekly {
			g.Weekly[w] = math.NaN()
			if a.n[w] > 0 {
				g.Weekly[w] = a.sum[w] / float64(a.n[w])
			}
		}
		out.Groups = append(out.Groups, g)
	}
	slices.SortFunc(out.Groups, func(a, b Group) int { return cmp.Or(cmp.Compare(a.MeanScore, b.MeanScore), cmp.Compare(a.Key, b.Key)) })
	return out
}

// weekOf is the Monday 00:00 UTC that starts t's week.
func weekOf(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(day.Weekday()) + 6) % 7 // days since Monday
	return day.AddDate(0, 0, -back)
}

// weekIndex is the position of the week starting at monday after first.
func weekIndex(first, monday time.Time) int {
	return int(monday.Sub(first).Hours()/24+0.5) / 7
}
