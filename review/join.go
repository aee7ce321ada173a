package review

import "github.com/dxdash/dxdash/client"

// Join joins one dataset (as GET /datasets/{id} returns it) into a field
// per key, in the package's order and with its first-wins rule (see the
// package comment). The slice is the caller's.
func Join(ds *client.Dataset, th Thresholds) []Field {
	var j Joiner
	return j.Join(ds, th)
}

// Joiner joins dataset after dataset, reusing its memory: the stats walk
// ten thousand datasets with one. The zero Joiner is ready; it is not safe
// for concurrent use.
type Joiner struct {
	truth    map[string]int      // key → position of its first ground truth
	seen     map[string]struct{} // keys joined so far
	out      []Field
	repeated []string
	scores   map[string]float64
	th       Thresholds
	gt       []client.GroundTruth
}

// Join joins ds. The fields returned are valid until the next call.
func (j *Joiner) Join(ds *client.Dataset, th Thresholds) []Field {
	j.reset(ds, th)
	for i := range ds.Fields {
		f := &ds.Fields[i]
		j.add(f.Name, f.Name, NoLineItem, f)
	}
	for _, item := range ds.LineItems {
		for i := range item.Fields {
			f := &item.Fields[i]
			j.add(LineItemKey(item.Index, f.Name), f.Name, item.Index, f)
		}
	}
	for i, g := range ds.GroundTruth {
		if first := j.truth[g.Name]; first != i {
			continue // a name given twice: reported once, when first seen
		}
		if _, done := j.seen[g.Name]; done {
			continue
		}
		index, name, ok := ParseLineItemKey(g.Name)
		if !ok {
			index, name = NoLineItem, g.Name
		}
		j.add(g.Name, name, index, nil)
	}
	return j.out
}

// Repeated lists the keys the last Join saw more than once, in the order
// their repeats came; it kept the first of each. The slice is valid until
// the next call.
func (j *Joiner) Repeated() []string { return j.repeated }

func (j *Joiner) reset(ds *client.Dataset, th Thresholds) {
	if j.truth == nil {
		j.truth = make(map[string]int, len(ds.GroundTruth))
		j.seen = make(map[string]struct{}, len(ds.Fields)+len(ds.GroundTruth))
	}
	clear(j.truth)
	clear(j.seen)
	clear(j.out) // drop the last dataset's strings and boxes for the collector
	j.out = j.out[:0]
	j.repeated = j.repeated[:0]
	j.th, j.gt, j.scores = th, ds.GroundTruth, nil
	if ds.Accuracy != nil {
		j.scores = ds.Accuracy.FieldScores
	}
	for i, g := range ds.GroundTruth {
		if _, dup := j.truth[g.Name]; dup {
			j.repeated = append(j.repeated, g.Name)
			continue
		}
		j.truth[g.Name] = i
	}
}

// add joins one field; f is nil for ground truth nothing was extracted for.
func (j *Joiner) add(key, name string, lineItem int, f *client.Field) {
	if _, dup := j.seen[key]; dup {
		j.repeated = append(j.repeated, key)
		return
	}
	j.seen[key] = struct{}{}
	jf := Field{Key: key, Name: name, LineItem: lineItem, Type: "string"}
	if f != nil {
		jf.InExtraction = true
		jf.Value = f.Value
		jf.Confidence = f.Confidence
		jf.Box = f.BoundingBox
		if f.Type != "" {
			jf.Type = f.Type
		}
	}
	if i, ok := j.truth[key]; ok {
		jf.InTruth = true
		jf.Truth = j.gt[i].Value
	}
	if s, ok := j.scores[key]; ok {
		jf.Scored = true
		jf.Score = s
	}
	jf.judge(j.th)
	j.out = append(j.out, jf)
}
